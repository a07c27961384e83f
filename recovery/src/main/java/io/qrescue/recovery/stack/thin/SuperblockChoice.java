package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which superblock of a tmeta LV to read. The block size is the one (8 KiB, then 4 KiB, QNAP's probe) whose block 0
 * checksum matches. A usable block 0 is read, as the kernel reads it. Otherwise, on QNAP metadata, the newest valid
 * full copy among the superblock backups in the last 128 blocks (and below QNAP's historical size limits):
 * QNAP's kernel writes one at every commit, just before the superblock itself, so the newest one describes the
 * last commit. Slots QNAP formatted but never used hold placeholders (checksum and block number valid, magic set,
 * version 0, everything else zero); they are neither copies nor damage. A backup is doubted when a slot that could
 * have held a newer one cannot be read or holds damage; an upstream superblock that fails its checksum is read
 * unverified and doubted.
 */
final class SuperblockChoice {

    private static final int[] BLOCK_SIZES = {8192, 4096};
    private static final long[] HISTORICAL_LIMITS_8K = {2_072_576L, 16_711_680L};
    private static final long[] HISTORICAL_LIMITS_4K = {4_145_152L};

    /** What one backup slot holds. */
    private enum SlotState { EMPTY, PLACEHOLDER, COPY, UNREADABLE, DAMAGED }

    /** The backup slots of one block size: the valid copies, and the slots of the last 128 that held damage. */
    private record Slots(List<ThinSuperblock> copies, List<String> problems) {
    }

    private SuperblockChoice() {
    }

    /** The superblock to read, or null (with a finding) when there is none. */
    static ThinMetadata.Located locate(ImageSource source, Findings findings) {
        int blockSize = 0;
        byte[] block0 = null;
        for (int bs : BLOCK_SIZES) {
            byte[] b = Bytes.readOrNull(source, 0, bs);
            if (b != null && MetadataChecksum.matches(b, MetadataChecksum.SUPERBLOCK_SALT)) {
                blockSize = bs;
                block0 = b;
                break;
            }
        }
        ThinSuperblock primary = block0 == null ? null : ThinSuperblock.parse(block0, 0);
        if (primary != null && primary.usableProblem(source.size() / blockSize) == null) {
            List<ThinSuperblock> copies = List.of();
            if (primary.hasBackups()) {
                Slots slots = scanSlots(source, blockSize, findings);
                copies = slots.copies();
                ThinSuperblock newest = newest(copies);
                if (newest != null && !newest.sameCommit(primary)) {
                    findings.warn("thin superblock backup (block " + newest.blockNr() + ")", newest.blockNr()
                            * blockSize, "the newest backup (backup_id " + Long.toUnsignedString(newest.backupId())
                            + ", transaction " + newest.transactionId() + ") describes another commit than the "
                            + "superblock (transaction " + primary.transactionId() + "); the superblock is read, as "
                            + "the kernel reads it");
                }
            }
            primary.validate(findings, source.size() / blockSize);
            return new ThinMetadata.Located(primary, copies, "block 0", null);
        }
        String why = whyNotBlock0(source, primary, blockSize);
        ThinSuperblock best = null;
        Slots bestSlots = null;
        for (int bs : blockSize != 0 ? new int[] {blockSize} : BLOCK_SIZES) {
            Slots slots = scanSlots(source, bs, blockSize == 0 ? new Findings() : findings);
            ThinSuperblock newest = newest(slots.copies());
            if (newest != null && (best == null || Long.compareUnsigned(newest.backupId(), best.backupId()) > 0)) {
                best = newest;
                bestSlots = slots;
            }
        }
        if (best != null) {
            if (blockSize == 0) {
                bestSlots = scanSlots(source, best.blockSizeBytes(), findings); // its slot findings, once
            }
            findings.add("thin superblock", 0, why + "; using the newest backup at block " + best.blockNr()
                    + " (backup_id " + Long.toUnsignedString(best.backupId()) + ")");
            best.validate(findings, source.size() / best.blockSizeBytes());
            String doubt = bestSlots.problems().isEmpty() ? null : "the thin superblock was read from the backup at "
                    + "block " + best.blockNr() + ", but " + bestSlots.problems().get(0) + ", so a newer backup may "
                    + "have been there";
            return new ThinMetadata.Located(best, bestSlots.copies(), "backup at block " + best.blockNr()
                    + " (backup_id " + Long.toUnsignedString(best.backupId()) + ")", doubt);
        }
        byte[] first = Bytes.readOrNull(source, 0, Math.min(4096, (int) Math.min(Integer.MAX_VALUE, source.size())));
        if (primary == null && first != null && first.length == 4096 && Le.u64(first, 32) == ThinSuperblock.MAGIC) {
            long declared = Le.u32AsLong(first, 340);
            int bs = declared == 16 && source.size() >= 8192 ? 8192 : 4096;
            byte[] b = bs == 4096 ? first : Bytes.readOrNull(source, 0, bs);
            if (b != null) {
                ThinSuperblock sb = ThinSuperblock.parse(b, 0);
                findings.add("thin superblock", 0, "checksum matches neither 8192- nor 4096-byte blocks and no backup "
                        + "is valid; reading it unverified with " + bs + "-byte blocks");
                sb.validate(findings, source.size() / bs);
                return new ThinMetadata.Located(sb, List.of(), "block 0, unverified", "the thin superblock fails its "
                        + "checksum and was read unverified");
            }
        }
        findings.add("thin superblock", 0, why + " and no valid backup");
        return null;
    }

    /** Why block 0 is not read: unreadable bytes, a checksum for neither block size, a placeholder, bad fields. */
    private static String whyNotBlock0(ImageSource source, ThinSuperblock primary, int blockSize) {
        if (primary != null) {
            return primary.isPlaceholder() ? "block 0 is a placeholder (checksum valid, version 0), not a superblock"
                    : "block 0 is not a usable superblock: " + primary.usableProblem(source.size() / blockSize);
        }
        String damage = Bytes.damageText(source, 0, Math.min(8192, source.size()));
        return damage != null ? "block 0 cannot be read: " + damage
                : "no thin-pool superblock: the checksum of block 0 matches neither 8192- nor 4096-byte blocks";
    }

    /** The copy with the highest backup_id, or null. */
    private static ThinSuperblock newest(List<ThinSuperblock> copies) {
        return copies.stream().max(Comparator.comparing(ThinSuperblock::backupId, Long::compareUnsigned)).orElse(null);
    }

    /**
     * Reads the last 128 blocks (and those below the historical size limits when the device is larger): valid full
     * copies, placeholders, empty slots. Damage in the last 128 is a finding (a warning: it costs nothing while
     * the superblock or a newer copy is read) and a reason to doubt a copy chosen among them.
     */
    private static Slots scanSlots(ImageSource source, int bs, Findings findings) {
        long n = source.size() / bs;
        List<Long> ends = new ArrayList<>();
        ends.add(n);
        for (long limit : bs == 8192 ? HISTORICAL_LIMITS_8K : HISTORICAL_LIMITS_4K) {
            if (n > limit) {
                ends.add(limit);
            }
        }
        List<ThinSuperblock> copies = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (long end : ends) {
            for (int k = 1; k <= ThinMetadata.BACKUP_SLOTS && end - k > 0; k++) {
                long loc = end - k;
                byte[] b = Bytes.readOrNull(source, loc * bs, bs);
                SlotState state = stateOf(b, loc, bs, n);
                if (state == SlotState.COPY) {
                    copies.add(ThinSuperblock.parse(b, loc));
                } else if (end == n && state == SlotState.UNREADABLE) {
                    String why = "backup slot " + k + " (block " + loc + ") cannot be read";
                    problems.add(why);
                    findings.warn("thin superblock backup slot " + k, loc * bs, "cannot be read: "
                            + Bytes.damageText(source, loc * bs, bs));
                } else if (end == n && state == SlotState.DAMAGED) {
                    problems.add("backup slot " + k + " (block " + loc + ") holds damage");
                    findings.warn("thin superblock backup slot " + k, loc * bs, "holds data that is neither a valid "
                            + "superblock copy nor a placeholder (checksum, magic, version or block number)");
                }
            }
        }
        return new Slots(copies, problems);
    }

    private static SlotState stateOf(byte[] b, long loc, int bs, long deviceBlocks) {
        if (b == null) {
            return SlotState.UNREADABLE;
        }
        if (Bytes.allZero(b, 0, b.length)) {
            return SlotState.EMPTY;
        }
        if (!MetadataChecksum.matches(b, MetadataChecksum.SUPERBLOCK_SALT)) {
            return SlotState.DAMAGED;
        }
        ThinSuperblock sb = ThinSuperblock.parse(b, loc);
        if (sb.isPlaceholder()) {
            return SlotState.PLACEHOLDER;
        }
        return sb.metadataBlockSizeSectors() * 512 == bs && sb.usableProblem(deviceBlocks) == null ? SlotState.COPY
                : SlotState.DAMAGED;
    }
}
