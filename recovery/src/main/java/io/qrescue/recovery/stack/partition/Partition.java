package io.qrescue.recovery.stack.partition;

/**
 * One partition: its 1-based {@code number} as Linux names it (sdX3 = 3), byte range in the disk image, and
 * its type: {@code typeGuid} for GPT (null on MBR) or {@code mbrType} (the MBR type byte, -1 on GPT).
 */
public record Partition(int number, long startBytes, long sizeBytes, String typeGuid, int mbrType, String uniqueGuid,
        String name) {

    public long endBytes() {
        return startBytes + sizeBytes;
    }
}
