package io.qrescue.recovery.stack.thin;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host's thin-provisioning-tools (the oracles); tests needing them are skipped where they are missing. */
final class HostTools {

    record Result(int exitCode, String out, String err) {
    }

    private HostTools() {
    }

    static void assumeInstalled(String tool) {
        boolean found = false;
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin"}) {
            found |= Files.isExecutable(Path.of(dir, tool));
        }
        assumeTrue(found, tool + " is not installed");
    }

    static Result run(String... cmd) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(cmd));
        Path out = Files.createTempFile("thin-tool", ".out");
        Path err = Files.createTempFile("thin-tool", ".err");
        try {
            Process p = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static String ok(String... cmd) throws IOException, InterruptedException {
        Result r = run(cmd);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + r.exitCode() + ": " + r.err() + r.out());
        }
        return r.out();
    }

    /** thin_restore of {@code xml} into a fresh metadata file of {@code metadataBlocks} 4 KiB blocks. */
    static Path restore(Path dir, String xml, long metadataBlocks) throws IOException, InterruptedException {
        Path x = dir.resolve("pool.xml");
        Path meta = dir.resolve("pool.meta");
        Files.writeString(x, xml);
        try (var f = new java.io.RandomAccessFile(meta.toFile(), "rw")) {
            f.setLength(metadataBlocks * 4096);
        }
        ok("thin_restore", "-i", x.toString(), "-o", meta.toString());
        return meta;
    }
}
