package io.qrescue.recovery.stack.thin;

/** Bytes {@code [offsetBytes, offsetBytes + lengthBytes)} of thin device {@code deviceId}. */
public record VolumeRange(long deviceId, long offsetBytes, long lengthBytes) {

    public long endBytes() {
        return offsetBytes + lengthBytes;
    }
}
