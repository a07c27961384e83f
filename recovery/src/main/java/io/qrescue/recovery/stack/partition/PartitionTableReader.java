package io.qrescue.recovery.stack.partition;

import static io.qrescue.recovery.stack.finding.Bytes.u16;
import static io.qrescue.recovery.stack.finding.Bytes.u32;
import static io.qrescue.recovery.stack.finding.Bytes.u64;
import static io.qrescue.recovery.stack.finding.Bytes.u8;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Bytes;
import io.qrescue.recovery.stack.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/** Reads the MBR or GPT of a disk image (512-byte logical sectors); never throws on corrupt input. */
public final class PartitionTableReader {

    static final int SECTOR = 512;
    private static final int GPT_HEADER_MIN = 92;
    private static final int GPT_ENTRY_MIN = 128;
    /** The UEFI minimum is 16 KiB of entries; allow 64 KiB headroom but never a count that would allocate wildly. */
    private static final long GPT_ENTRIES_MAX_BYTES = 1 << 20;
    private static final int MBR_TYPE_GPT_PROTECTIVE = 0xEE;

    private PartitionTableReader() {
    }

    /** The table of {@code disk}: GPT when a protective MBR or a GPT header is present, else MBR, else NONE. */
    public static PartitionTable read(ImageSource disk) {
        List<Finding> findings = new ArrayList<>();
        byte[] mbr = Bytes.readOrNull(disk, 0, SECTOR);
        if (mbr == null) {
            String why = Bytes.damageText(disk, 0, Math.min(SECTOR, disk.size()));
            if (why != null) {
                findings.add(Finding.error("MBR", 0, "sector 0 cannot be read: " + why));
                // A GPT may still be read from its backup at the end of the disk.
                if (disk.size() >= 3 * SECTOR) {
                    return readGpt(disk, findings);
                }
            }
            return new PartitionTable(PartitionScheme.NONE, null, false, List.of(), findings);
        }
        boolean mbrSigned = u16(mbr, 510) == 0xAA55;
        boolean protective = mbrSigned && hasType(mbr, MBR_TYPE_GPT_PROTECTIVE);
        byte[] gptSig = Bytes.readOrNull(disk, SECTOR, 8);
        boolean gptSigned = gptSig != null && new String(gptSig, StandardCharsets.US_ASCII).equals("EFI PART");
        if (protective || gptSigned) {
            if (!protective) {
                findings.add(Finding.warning("protective MBR", 0, mbrSigned ? "no 0xEE partition although a GPT header follows"
                        : "no 0x55AA signature although a GPT header follows"));
            }
            return readGpt(disk, findings);
        }
        if (mbrSigned) {
            return readMbr(mbr, disk.size(), findings);
        }
        return new PartitionTable(PartitionScheme.NONE, null, false, List.of(), findings);
    }

    private static boolean hasType(byte[] mbr, int type) {
        for (int i = 0; i < 4; i++) {
            if (u8(mbr, 446 + 16 * i + 4) == type) {
                return true;
            }
        }
        return false;
    }

    private static PartitionTable readMbr(byte[] mbr, long diskSize, List<Finding> findings) {
        List<Partition> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int e = 446 + 16 * i;
            int type = u8(mbr, e + 4);
            long first = u32(mbr, e + 8);
            long count = u32(mbr, e + 12);
            if (type == 0 || count == 0) {
                continue;
            }
            if (type == 0x05 || type == 0x0F || type == 0x85) {
                findings.add(Finding.info("MBR entry " + (i + 1), e, "extended partition (logical partitions not read)"));
            }
            long start = first * SECTOR;
            long size = count * SECTOR;
            if (start + size > diskSize) {
                findings.add(Finding.warning("MBR entry " + (i + 1), e, "partition ends at byte " + (start + size)
                        + ", past the image end " + diskSize));
            }
            parts.add(new Partition(i + 1, start, size, null, type, null, null));
        }
        return new PartitionTable(PartitionScheme.MBR, null, false, parts, findings);
    }

    private static PartitionTable readGpt(ImageSource disk, List<Finding> findings) {
        long lastLba = disk.size() / SECTOR - 1;
        GptRead primary = readGptAt(disk, 1, lastLba, "primary GPT", findings);
        if (primary != null) {
            if (lastLba > 1) {
                long backupLba = primary.alternateLba > 1 && primary.alternateLba <= lastLba ? primary.alternateLba : lastLba;
                List<Finding> backupFindings = new ArrayList<>();
                GptRead backup = readGptAt(disk, backupLba, lastLba, "backup GPT", backupFindings);
                if (backup == null) {
                    for (Finding f : backupFindings) {
                        findings.add(new Finding(io.qrescue.recovery.stack.finding.Severity.WARNING, f.structure(),
                                f.offsetBytes(), f.message()));
                    }
                } else if (backup.entriesCrc != primary.entriesCrc) {
                    findings.add(Finding.warning("backup GPT", backupLba * SECTOR,
                            "partition entries differ from the primary (entries CRC " + hex(backup.entriesCrc) + " vs "
                                    + hex(primary.entriesCrc) + ")"));
                }
            }
            return new PartitionTable(PartitionScheme.GPT, primary.diskGuid, false, primary.partitions, findings);
        }
        GptRead backup = readGptAt(disk, lastLba, lastLba, "backup GPT", findings);
        if (backup != null) {
            findings.add(Finding.warning("primary GPT", SECTOR, "primary GPT unusable; partitions read from the backup at LBA "
                    + lastLba));
            return new PartitionTable(PartitionScheme.GPT, backup.diskGuid, true, backup.partitions, findings);
        }
        return new PartitionTable(PartitionScheme.GPT, null, false, List.of(), findings);
    }

    private record GptRead(String diskGuid, long alternateLba, long entriesCrc, List<Partition> partitions) {
    }

    private static GptRead readGptAt(ImageSource disk, long lba, long lastLba, String what, List<Finding> findings) {
        long at = lba * SECTOR;
        byte[] h = Bytes.readOrNull(disk, at, SECTOR);
        if (h == null || lba < 1) {
            String why = lba < 1 ? null : Bytes.damageText(disk, at, SECTOR);
            findings.add(Finding.error(what + " header", at, "not readable: " + (why != null ? why
                    : "image ends at " + disk.size())));
            return null;
        }
        if (!new String(h, 0, 8, StandardCharsets.US_ASCII).equals("EFI PART")) {
            findings.add(Finding.error(what + " header", at, "no \"EFI PART\" signature"));
            return null;
        }
        long headerSize = u32(h, 12);
        if (headerSize < GPT_HEADER_MIN || headerSize > SECTOR) {
            findings.add(Finding.error(what + " header", at + 12, "header size " + headerSize + " outside 92..512"));
            return null;
        }
        long storedCrc = u32(h, 16);
        byte[] copy = h.clone();
        copy[16] = copy[17] = copy[18] = copy[19] = 0;
        long crc = crc32(copy, 0, (int) headerSize);
        if (crc != storedCrc) {
            findings.add(Finding.error(what + " header", at + 16, "header CRC32 " + hex(storedCrc) + " != computed "
                    + hex(crc)));
            return null;
        }
        long myLba = u64(h, 24);
        if (myLba != lba) {
            findings.add(Finding.warning(what + " header", at + 24, "my_lba " + myLba + " but found at LBA " + lba));
        }
        long alternate = u64(h, 32);
        long firstUsable = u64(h, 40);
        long lastUsable = u64(h, 48);
        String diskGuid = GptGuid.format(h, 56);
        long entriesLba = u64(h, 72);
        long count = u32(h, 80);
        long entrySize = u32(h, 84);
        long entriesCrc = u32(h, 88);
        if (entrySize < GPT_ENTRY_MIN || entrySize % GPT_ENTRY_MIN != 0 || entrySize > 4096) {
            findings.add(Finding.error(what + " header", at + 84, "partition entry size " + entrySize
                    + " is not a multiple of 128 up to 4096"));
            return null;
        }
        long arrayBytes = count * entrySize;
        if (arrayBytes > GPT_ENTRIES_MAX_BYTES || entriesLba > lastLba || arrayBytes > disk.size() - entriesLba * SECTOR) {
            findings.add(Finding.error(what + " header", at + 72, count + " entries of " + entrySize + " bytes at LBA "
                    + entriesLba + " do not fit in the image (" + disk.size() + " bytes)"));
            return null;
        }
        byte[] entries = Bytes.readOrNull(disk, entriesLba * SECTOR, (int) arrayBytes);
        if (entries == null) {
            String why = Bytes.damageText(disk, entriesLba * SECTOR, arrayBytes);
            findings.add(Finding.error(what + " entries", entriesLba * SECTOR, "not readable"
                    + (why == null ? "" : ": " + why)));
            return null;
        }
        long computed = crc32(entries, 0, entries.length);
        if (computed != entriesCrc) {
            findings.add(Finding.error(what + " entries", entriesLba * SECTOR, "entries CRC32 " + hex(entriesCrc)
                    + " != computed " + hex(computed)));
            return null;
        }
        List<Partition> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int e = (int) (i * entrySize);
            if (GptGuid.isZero(entries, e)) {
                continue;
            }
            long first = u64(entries, e + 32);
            long last = u64(entries, e + 40);
            long entryAt = entriesLba * SECTOR + e;
            if (first > lastLba || last > lastLba) {
                findings.add(Finding.warning(what + " entry " + (i + 1), entryAt, "LBA range " + first + ".." + last
                        + " lies past the image end (last LBA " + lastLba + "); entry skipped"));
                continue;
            }
            if (last < first || first < firstUsable || last > lastUsable) {
                findings.add(Finding.warning(what + " entry " + (i + 1), entryAt, "LBA range " + first + ".." + last
                        + " outside the usable range " + firstUsable + ".." + lastUsable));
                if (last < first) {
                    continue;
                }
            }
            String name = new String(entries, e + 56, 72, StandardCharsets.UTF_16LE);
            int nul = name.indexOf('\0');
            parts.add(new Partition(i + 1, first * SECTOR, (last - first + 1) * SECTOR, GptGuid.format(entries, e),
                    -1, GptGuid.format(entries, e + 16), nul >= 0 ? name.substring(0, nul) : name));
        }
        return new GptRead(diskGuid, alternate, entriesCrc, parts);
    }

    static long crc32(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }

    private static String hex(long v) {
        return String.format("%08x", v);
    }
}
