package io.qrescue.recovery.vm.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sha256 of each image before a VM run, checked again after it: a changed image is an error, never silent. */
public final class ImageChecksums {
    private final Map<Path, String> before;

    private ImageChecksums(Map<Path, String> before) {
        this.before = before;
    }

    /** Hashes every image now. */
    public static ImageChecksums record(List<Path> images) throws IOException {
        Map<Path, String> sums = new LinkedHashMap<>();
        for (Path image : images) {
            sums.put(image, sha256(image));
        }
        return new ImageChecksums(sums);
    }

    /** The sums taken by {@link #record}. */
    public Map<Path, String> before() {
        return Map.copyOf(before);
    }

    /** Hashes again; throws {@link ImageChangedException} listing every image whose sum differs. */
    public void verifyUnchanged() throws IOException {
        List<String> changed = new ArrayList<>();
        for (var e : before.entrySet()) {
            String now = sha256(e.getKey());
            if (!now.equals(e.getValue())) {
                changed.add(e.getKey() + ": sha256 before " + e.getValue() + ", after " + now);
            }
        }
        if (!changed.isEmpty()) {
            throw new ImageChangedException("IMAGE CHANGED during the VM run: " + String.join("; ", changed));
        }
    }

    /** The sha256 of a whole file as 64 hex digits. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An image's bytes changed while it was attached: a bug in qrescue or qemu, reported loudly. */
    public static final class ImageChangedException extends IOException {
        private static final long serialVersionUID = 1L;

        ImageChangedException(String message) {
            super(message);
        }
    }
}
