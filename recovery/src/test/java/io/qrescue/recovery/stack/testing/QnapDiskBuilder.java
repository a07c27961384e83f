package io.qrescue.recovery.stack.testing;

/**
 * A small QNAP-shaped disk image in memory (test-only): GPT with five partitions as current QTS lays them out
 * (scaled down), partition 3 an md 1.0 RAID1 member (data_offset 0) holding an LVM PV with VG "vg1": thin pool
 * tp1 (tp1_tmeta at PE 0, data LV at PE 1..6), thin lv1, lv2, linear lv544 at PE 7. Every extent is stamped with
 * its PE number so tests can check where a mapped read lands.
 */
public final class QnapDiskBuilder {

    public static final long MIB = 1 << 20;
    public static final long EXTENT_BYTES = 4 * MIB;
    public long diskBytes = 64 * MIB;
    /** Partition 3 (the data member) in LBAs, inclusive. */
    public long p3First = 2 * 2048 + 40;
    public long p3Last = p3First + 40 * 2048 - 1;
    public String poolType = "thin-pool";
    public String dataName = "tp1_tdata";
    public long dataExtents = 6;
    public long seqno = 278;
    public final MdSuperblockWriter md = new MdSuperblockWriter();
    public final LvmPvWriter pv = new LvmPvWriter();
    /** Extra metadata texts written before the committed one (older generations). */
    public final java.util.List<String> olderTexts = new java.util.ArrayList<>();
    public boolean withPartitionTable = true;
    /** md superblock version; 1.1/1.2 put the array data at {@link #dataOffsetSectors}. */
    public String mdVersion = "1.0";
    public long dataOffsetSectors = 0;

    public long p3StartBytes() {
        return withPartitionTable ? p3First * 512 : 0;
    }

    public long p3SizeBytes() {
        return withPartitionTable ? (p3Last - p3First + 1) * 512 : diskBytes;
    }

    /** Array size: 1.0 superblock 8 KiB before the end (4 KiB aligned), bad-block log 8 sectors below it. */
    public long arrayBytes() {
        long sectors = p3SizeBytes() / 512;
        if (!mdVersion.equals("1.0")) {
            return (sectors - dataOffsetSectors) * 512;
        }
        return (((sectors - 16) & ~7L) - 8) * 512;
    }

    /** Image offset of array byte 0. */
    public long arrayStartBytes() {
        return p3StartBytes() + dataOffsetSectors * 512;
    }

    public long peCount() {
        return (arrayBytes() - pv.peStartBytes) / EXTENT_BYTES;
    }

    /** Image offset of physical extent {@code pe}. */
    public long peImageOffset(long pe) {
        return arrayStartBytes() + pv.peStartBytes + pe * EXTENT_BYTES;
    }

    public String committedText() {
        return VgText.qnapPool(seqno, pv.pvUuid, arrayBytes() / 512, pv.peStartBytes / 512, peCount(), poolType, dataName,
                dataExtents);
    }

    public byte[] build() {
        byte[] img = new byte[(int) diskBytes];
        if (withPartitionTable) {
            PartitionTableWriter t = new PartitionTableWriter();
            t.add(40, 40 + 2048 - 1, "");
            t.add(40 + 2048, 40 + 2 * 2048 - 1, "");
            t.parts.add(new PartitionTableWriter.Part(p3First, p3Last, PartitionTableWriter.BASIC_DATA, "", 0x83));
            t.add(p3Last + 1, p3Last + 2048, "");
            t.add(p3Last + 2049, p3Last + 4096, "");
            t.writeGpt(img);
        }
        for (long pe = 0; pe < peCount(); pe++) {
            stamp(img, peImageOffset(pe), pe);
        }
        md.dataOffsetSectors = dataOffsetSectors;
        md.write(img, p3StartBytes(), p3SizeBytes(), mdVersion);
        pv.texts.clear();
        pv.texts.addAll(olderTexts);
        pv.texts.add(committedText());
        pv.write(img, arrayStartBytes(), arrayBytes());
        return img;
    }

    /** Writes "PE nnnn" at the start of every 4 KiB block of the extent. */
    private static void stamp(byte[] img, long at, long pe) {
        byte[] s = String.format("PE %04d", pe).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (long o = 0; o < EXTENT_BYTES; o += 4096) {
            System.arraycopy(s, 0, img, (int) (at + o), s.length);
        }
    }
}
