package io.qrescue.recovery.vm.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Unpacks the ELF vmlinux from an xz-compressed bzImage. qemu boots such a vmlinux through its PVH entry point
 * and skips the in-guest decompression, which under TCG takes seconds of every boot.
 */
final class KernelUnpacker {
    static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private KernelUnpacker() {
    }

    /** Byte offset of the first xz stream in {@code image}, or -1. */
    static int xzOffset(byte[] image) {
        outer:
        for (int i = 0; i + XZ_MAGIC.length <= image.length; i++) {
            for (int j = 0; j < XZ_MAGIC.length; j++) {
                if (image[i + j] != XZ_MAGIC[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Writes the vmlinux of {@code bzImage} to {@code target} and returns true, or returns false (and writes
     * nothing) when the kernel is not xz-compressed, has no PVH entry ({@code CONFIG_PVH=y} in {@code config}) or
     * xz is missing.
     */
    static boolean unpack(Path bzImage, Path config, Path target) throws IOException {
        if (!Files.isRegularFile(config) || !Files.readAllLines(config).contains("CONFIG_PVH=y")) {
            return false;
        }
        byte[] image = Files.readAllBytes(bzImage);
        int offset = xzOffset(image);
        if (offset < 0) {
            return false;
        }
        Path stream = target.resolveSibling(target.getFileName() + ".xz.tmp");
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(stream, java.util.Arrays.copyOfRange(image, offset, image.length));
            Process xz;
            try {
                xz = new ProcessBuilder(List.of("xz", "-dc", "--single-stream", stream.toString()))
                        .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException noXz) {
                return false;
            }
            if (!xz.waitFor(120, TimeUnit.SECONDS)) {
                xz.destroyForcibly();
                return false;
            }
            if (xz.exitValue() != 0 || !startsWithElf(tmp)) {
                return false;
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            Files.deleteIfExists(stream);
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean startsWithElf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(4), ELF_MAGIC);
        }
    }
}
