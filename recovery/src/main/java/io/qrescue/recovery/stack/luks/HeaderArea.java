package io.qrescue.recovery.stack.luks;

/**
 * Bytes of the volume that hold LUKS metadata: a header copy ({@code keySlot} -1) or a key slot's key material,
 * {@code what} in words ("LUKS1 header", "LUKS2 secondary header", "key slot 1 key material").
 */
public record HeaderArea(String what, long offsetBytes, long lengthBytes, int keySlot) {

    public long endBytes() {
        return offsetBytes + lengthBytes;
    }
}
