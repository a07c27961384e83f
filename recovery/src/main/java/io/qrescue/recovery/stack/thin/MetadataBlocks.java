package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Fixed-size metadata blocks of a tmeta source; a block that cannot be read whole is a finding, not an error. */
final class MetadataBlocks {

    private final ImageSource source;
    private final int blockSizeBytes;
    private final long deviceBlocks;
    private final Findings findings;

    MetadataBlocks(ImageSource source, int blockSizeBytes, Findings findings) {
        this.source = source;
        this.blockSizeBytes = blockSizeBytes;
        this.deviceBlocks = source.size() / blockSizeBytes;
        this.findings = findings;
    }

    int blockSizeBytes() {
        return blockSizeBytes;
    }

    /** Whole blocks in the metadata device (the tmeta LV). */
    long deviceBlocks() {
        return deviceBlocks;
    }

    long offsetOf(long blockNr) {
        return blockNr * blockSizeBytes;
    }

    boolean inRange(long blockNr) {
        return blockNr >= 0 && blockNr < deviceBlocks;
    }

    /** Block {@code blockNr}, or null (with a finding naming {@code structure}) when it is out of range or unreadable. */
    byte[] read(long blockNr, String structure) {
        if (!inRange(blockNr)) {
            findings.add(structure, Math.max(0, blockNr) * (long) blockSizeBytes, "block number " + blockNr
                    + " lies outside the metadata device (" + deviceBlocks + " blocks)");
            return null;
        }
        byte[] block = readQuietly(blockNr);
        if (block == null) {
            findings.add(structure, offsetOf(blockNr), "block " + blockNr + " cannot be read");
        }
        return block;
    }

    /** Block {@code blockNr} or null, without a finding (probing for backups). */
    byte[] readQuietly(long blockNr) {
        if (!inRange(blockNr)) {
            return null;
        }
        byte[] block = new byte[blockSizeBytes];
        try {
            return source.read(offsetOf(blockNr), ByteBuffer.wrap(block)) == blockSizeBytes ? block : null;
        } catch (IOException e) {
            return null;
        }
    }
}
