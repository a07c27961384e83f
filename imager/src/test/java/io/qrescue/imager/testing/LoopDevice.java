package io.qrescue.imager.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A read-only loop device over an image file ({@code losetup -r --direct-io=on}); close detaches it. */
public final class LoopDevice implements AutoCloseable {

    private final Path device;

    private LoopDevice(Path device) {
        this.device = device;
    }

    /** Skips the calling test unless it runs as root with losetup (CI does). */
    public static void assumeAvailable() {
        assumeTrue("root".equals(System.getProperty("user.name")), "loop devices need root");
        assumeTrue(losetup() != null, "losetup is not installed");
        assumeTrue(Files.exists(Path.of("/dev/loop-control")), "no /dev/loop-control (loop driver missing)");
    }

    /** Attaches {@code image} with {@code sectorSize}-byte logical sectors and direct I/O to the backing file. */
    public static LoopDevice attach(Path image, int sectorSize) throws IOException {
        String out = run(losetup().toString(), "-f", "--show", "-r", "--direct-io=on", "--sector-size",
                Integer.toString(sectorSize), image.toString());
        return new LoopDevice(Path.of(out.strip()));
    }

    public Path path() {
        return device;
    }

    @Override
    public void close() throws IOException {
        run(losetup().toString(), "-d", device.toString());
    }

    private static Path losetup() {
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
            Path p = Path.of(dir, "losetup");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", new ArrayList<>(List.of(command))) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
