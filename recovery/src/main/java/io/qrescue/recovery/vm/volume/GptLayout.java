package io.qrescue.recovery.vm.volume;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * A GPT partition table laid out like a QNAP data disk, scaled down: p1 at LBA 40 (QNAP: 517.7 MiB system area),
 * p2 (swap), p3 (the data array: everything else), p4 (system area), p5 (swap, last). All partitions are
 * "Microsoft basic data" as QNAP writes them; GUIDs come from a seed so the same disk size and seed give the
 * same bytes.
 */
public final class GptLayout {
    static final int SECTOR = 512;
    static final String BASIC_DATA = "ebd0a0a2-b9e5-4433-87c0-68b6b72699c7";
    /** Scaled-down sizes of p1, p2, p4, p5 in sectors (QNAP: 1 060 250, 1 060 284, 1 060 288, 16 707 592). */
    static final long P1_SECTORS = 8282;
    static final long P2_SECTORS = 8284;
    static final long P4_SECTORS = 8288;
    static final long P5_SECTORS = 16320;
    static final int ENTRIES = 128;
    static final int ENTRY_SIZE = 128;

    /** One partition: 1-based number, first and last LBA (inclusive). */
    public record Partition(int number, long firstLba, long lastLba) {
        public long offsetBytes() {
            return firstLba * SECTOR;
        }

        public long sizeBytes() {
            return (lastLba - firstLba + 1) * SECTOR;
        }
    }

    private final long diskSectors;
    private final List<Partition> partitions;
    private final long seed;

    /** The layout for a disk of {@code diskBytes} (a multiple of 512, at least 48 MiB). */
    public GptLayout(long diskBytes, long seed) {
        if (diskBytes % SECTOR != 0 || diskBytes < (48L << 20)) {
            throw new IllegalArgumentException("disk size must be a multiple of 512 and at least 48 MiB: " + diskBytes);
        }
        this.diskSectors = diskBytes / SECTOR;
        this.seed = seed;
        long lastUsable = diskSectors - 34;
        List<Partition> parts = new ArrayList<>();
        long p1 = 40;
        parts.add(new Partition(1, p1, p1 + P1_SECTORS - 1));
        long p2 = align8(p1 + P1_SECTORS);
        parts.add(new Partition(2, p2, p2 + P2_SECTORS - 1));
        long p3 = align8(p2 + P2_SECTORS);
        long p5 = (lastUsable - P5_SECTORS + 1) & ~7L;
        long p4 = ((p5 - P4_SECTORS) & ~7L);
        parts.add(new Partition(3, p3, p4 - 8 - 1));
        parts.add(new Partition(4, p4, p4 + P4_SECTORS - 1));
        parts.add(new Partition(5, p5, p5 + P5_SECTORS - 1));
        this.partitions = List.copyOf(parts);
    }

    private static long align8(long lba) {
        return (lba + 7) & ~7L;
    }

    /** The five partitions in order. */
    public List<Partition> partitions() {
        return partitions;
    }

    /** Partition {@code number} (1-based). */
    public Partition partition(int number) {
        return partitions.get(number - 1);
    }

    /** The protective MBR and primary table: the first 34 sectors of the disk. */
    public byte[] primary() {
        ByteBuffer b = ByteBuffer.allocate(34 * SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        // protective MBR: one partition of type 0xEE covering the disk from LBA 1
        b.put(446 + 4, (byte) 0xEE);
        b.put(446 + 1, (byte) 0x00).put(446 + 2, (byte) 0x02);
        b.put(446 + 5, (byte) 0xFF).put(446 + 6, (byte) 0xFF).put(446 + 7, (byte) 0xFF);
        b.putInt(446 + 8, 1);
        b.putInt(446 + 12, (int) Math.min(diskSectors - 1, 0xFFFFFFFFL));
        b.put(510, (byte) 0x55).put(511, (byte) 0xAA);
        byte[] entries = entries();
        b.put(SECTOR, header(1, diskSectors - 1, 2, entries));
        b.put(2 * SECTOR, entries);
        return b.array();
    }

    /** The backup table: the last 33 sectors of the disk (entries, then the backup header). */
    public byte[] backup() {
        ByteBuffer b = ByteBuffer.allocate(33 * SECTOR);
        byte[] entries = entries();
        b.put(entries);
        b.put(header(diskSectors - 1, 1, diskSectors - 33, entries));
        return b.array();
    }

    /** Byte offset of {@link #backup()} on the disk. */
    public long backupOffsetBytes() {
        return (diskSectors - 33) * SECTOR;
    }

    private byte[] header(long myLba, long alternateLba, long entriesLba, byte[] entries) {
        ByteBuffer h = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        h.put("EFI PART".getBytes(StandardCharsets.US_ASCII));
        h.putInt(8, 0x00010000);
        h.putInt(12, 92);
        h.putLong(24, myLba);
        h.putLong(32, alternateLba);
        h.putLong(40, 34);
        h.putLong(48, diskSectors - 34);
        h.position(56);
        h.put(guid(uuid("disk")));
        h.putLong(72, entriesLba);
        h.putInt(80, ENTRIES);
        h.putInt(84, ENTRY_SIZE);
        h.putInt(88, crc(entries, 0, entries.length));
        h.putInt(16, crc(h.array(), 0, 92));
        return h.array();
    }

    private byte[] entries() {
        ByteBuffer e = ByteBuffer.allocate(ENTRIES * ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (Partition p : partitions) {
            int base = (p.number() - 1) * ENTRY_SIZE;
            e.position(base);
            e.put(guid(UUID.fromString(BASIC_DATA)));
            e.put(guid(uuid("partition-" + p.number())));
            e.putLong(base + 32, p.firstLba());
            e.putLong(base + 40, p.lastLba());
        }
        return e.array();
    }

    private UUID uuid(String what) {
        return UUID.nameUUIDFromBytes((seed + "/" + diskSectors + "/" + what).getBytes(StandardCharsets.UTF_8));
    }

    /** GUIDs on disk: the first three fields little-endian, the last two as written. */
    static byte[] guid(UUID uuid) {
        ByteBuffer big = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        byte[] b = big.array();
        return new byte[]{b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6],
            b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]};
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
