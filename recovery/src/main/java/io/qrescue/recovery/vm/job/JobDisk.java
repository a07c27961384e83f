package io.qrescue.recovery.vm.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** Encodes a {@link Job} as the tar the appliance unpacks from its QJOB disk, padded to whole MiB. */
public final class JobDisk {
    static final long PAD_BYTES = 1 << 20;

    private JobDisk() {
    }

    /** Writes the job disk image to {@code file}: run.sh first, then directories and inputs in name order. */
    public static void write(Job job, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            encode(job, out);
        }
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength((size + PAD_BYTES - 1) / PAD_BYTES * PAD_BYTES + PAD_BYTES);
        }
    }

    /** The tar stream of a job. */
    public static void encode(Job job, OutputStream out) throws IOException {
        try (UstarWriter tar = new UstarWriter(out)) {
            tar.file("run.sh", 0755, job.script().getBytes(StandardCharsets.UTF_8));
            Set<String> dirs = new TreeSet<>();
            for (String name : job.sortedInputs().keySet()) {
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    dirs.add(name.substring(0, slash));
                }
            }
            for (String dir : dirs) {
                tar.directory(dir);
            }
            for (var input : job.sortedInputs().entrySet()) {
                tar.file(input.getKey(), 0644, input.getValue());
            }
        }
    }
}
