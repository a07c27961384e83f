package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Bytes;

/**
 * Fixed-size metadata blocks of a tmeta source, read from good bytes only; a block that cannot be read whole is a
 * finding, not an error.
 */
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

    /**
     * Block {@code blockNr}, or null (with a finding naming {@code structure}) when it is out of range or cannot be
     * read: a block with bytes that are not good (unreadable, or of unknown provenance below) is never returned.
     */
    byte[] read(long blockNr, String structure) {
        if (!inRange(blockNr)) {
            findings.add(structure, Math.max(0, blockNr) * (long) blockSizeBytes, "block number " + blockNr
                    + " lies outside the metadata device (" + deviceBlocks + " blocks)");
            return null;
        }
        byte[] block = readQuietly(blockNr);
        if (block == null) {
            findings.add(structure, offsetOf(blockNr), "block " + blockNr + " cannot be read: " + whyUnreadable(blockNr));
        }
        return block;
    }

    /** Block {@code blockNr} or null (out of range, not good, or the read fails), without a finding. */
    byte[] readQuietly(long blockNr) {
        if (!inRange(blockNr)) {
            return null;
        }
        return Bytes.readOrNull(source, offsetOf(blockNr), blockSizeBytes);
    }

    /** Why block {@code blockNr} cannot be read, in a few words. */
    String whyUnreadable(long blockNr) {
        if (!inRange(blockNr)) {
            return "outside the metadata device (" + deviceBlocks + " blocks)";
        }
        String damage = Bytes.damageText(source, offsetOf(blockNr), blockSizeBytes);
        return damage != null ? damage : "the read failed";
    }
}
