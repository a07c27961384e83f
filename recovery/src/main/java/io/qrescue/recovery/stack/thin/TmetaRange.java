package io.qrescue.recovery.stack.thin;

/** Bytes {@code [offsetBytes, offsetBytes + lengthBytes)} of the metadata LV (tmeta), e.g. an unreadable region. */
public record TmetaRange(long offsetBytes, long lengthBytes) {

    public long endBytes() {
        return offsetBytes + lengthBytes;
    }

    boolean covers(long offset, long length) {
        return offsetBytes < offset + length && offset < endBytes();
    }
}
