package io.qrescue.recovery.vm.rescue;

import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The identity of a volume's bytes: its name ("vg1/lv1"), size, the sha256 of all its bytes and of each
 * {@code chunkBytes} chunk in offset order (the last one may be short), as lowercase hex.
 */
public record VolumeDigest(String name, long sizeBytes, int chunkBytes, String sha256, List<String> chunkSha256) {

    public VolumeDigest {
        Objects.requireNonNull(name, "name");
        chunkSha256 = List.copyOf(chunkSha256);
        if (chunkBytes <= 0) {
            throw new IllegalArgumentException(name + ": chunk size " + chunkBytes + " is not positive");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException(name + ": negative size " + sizeBytes);
        }
        if (chunkSha256.size() != chunkCount(sizeBytes, chunkBytes)) {
            throw new IllegalArgumentException(name + ": " + chunkSha256.size() + " chunk digests for " + sizeBytes
                    + " bytes in chunks of " + chunkBytes + " (want " + chunkCount(sizeBytes, chunkBytes) + ")");
        }
    }

    /** How many chunks of {@code chunkBytes} cover {@code sizeBytes}. */
    public static long chunkCount(long sizeBytes, int chunkBytes) {
        return (sizeBytes + chunkBytes - 1) / chunkBytes;
    }

    /** Reads every byte of {@code source} once and digests it whole and per chunk. */
    public static VolumeDigest of(String name, ImageSource source, int chunkBytes) throws IOException {
        MessageDigest whole = newSha256();
        MessageDigest chunk = newSha256();
        long size = source.size();
        ByteBuffer buffer = ByteBuffer.allocate(chunkBytes);
        List<String> chunks = new ArrayList<>();
        for (long offset = 0; offset < size; offset += chunkBytes) {
            int length = (int) Math.min(chunkBytes, size - offset);
            buffer.clear().limit(length);
            if (source.read(offset, buffer) != length) { // read fills the buffer unless the source ends
                throw new IOException(name + ": short read at offset " + offset + ": the source ends at " + size);
            }
            whole.update(buffer.array(), 0, length);
            chunk.update(buffer.array(), 0, length);
            chunks.add(HexFormat.of().formatHex(chunk.digest()));
        }
        return new VolumeDigest(name, size, chunkBytes, HexFormat.of().formatHex(whole.digest()), chunks);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
