package io.qrescue.recovery.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs e2fsprogs' debugfs and dumpe2fs on an image file, read-only: debugfs always with {@code -c}
 * (catastrophic: no bitmaps needed, never writes) and {@code -n} (checksum errors do not stop reads), commands
 * batched through one {@code -f CMDFILE}. An optional superblock location lets damaged primaries be bypassed.
 */
public final class E2fsTools {

    /** The output of one tool run. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    private final String debugfs;
    private final String dumpe2fs;
    private final long superblock;       // block number of the superblock to use, 0 for the primary
    private final int superblockBlockSize;

    /** The tools found on the PATH, reading the primary superblock. */
    public E2fsTools() {
        this("debugfs", "dumpe2fs", 0, 0);
    }

    private E2fsTools(String debugfs, String dumpe2fs, long superblock, int superblockBlockSize) {
        this.debugfs = debugfs;
        this.dumpe2fs = dumpe2fs;
        this.superblock = superblock;
        this.superblockBlockSize = superblockBlockSize;
    }

    /** The same tools reading the backup superblock at {@code block} of a filesystem with {@code blockSizeBytes}. */
    public E2fsTools withSuperblock(long block, int blockSizeBytes) {
        return new E2fsTools(debugfs, dumpe2fs, block, blockSizeBytes);
    }

    /** The backup superblock in use, or 0 for the primary. */
    public long superblock() {
        return superblock;
    }

    /** Runs {@code commands} in one debugfs process on {@code image}; the transcript is its standard output. */
    public Run debugfs(Path image, List<String> commands, Path workDir) throws IOException {
        Path cmdFile = Files.createTempFile(workDir, "debugfs-", ".cmd");
        try {
            Files.write(cmdFile, commands, StandardCharsets.UTF_8);
            List<String> argv = new ArrayList<>(List.of(debugfs, "-c", "-n"));
            if (superblock != 0) {
                argv.addAll(List.of("-s", Long.toString(superblock), "-b", Integer.toString(superblockBlockSize)));
            }
            argv.addAll(List.of("-f", cmdFile.toString(), image.toString()));
            return run(argv, workDir);
        } finally {
            Files.deleteIfExists(cmdFile);
        }
    }

    /** Runs {@code dumpe2fs IMAGE} (header and groups, with free block lists). */
    public Run dumpe2fs(Path image, Path workDir) throws IOException {
        List<String> argv = new ArrayList<>(List.of(dumpe2fs));
        if (superblock != 0) {
            argv.addAll(List.of("-o", "superblock=" + superblock, "-o", "blocksize=" + superblockBlockSize));
        }
        argv.add(image.toString());
        return run(argv, workDir);
    }

    private static Run run(List<String> argv, Path workDir) throws IOException {
        Path errFile = Files.createTempFile(workDir, "e2fs-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectError(errFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("DEBUGFS_PAGER", "__none__");
            pb.environment().put("LC_ALL", "C");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IOException("cannot run " + argv.get(0) + " (install e2fsprogs): " + e.getMessage(), e);
            }
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(argv.get(0) + " interrupted", e);
            }
            return new Run(code, out, new String(Files.readAllBytes(errFile), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}
