package io.qrescue.recovery.stack.testing;

import java.util.Arrays;

/**
 * Writes md superblocks per the format notes §1 (test-only): 1.x with dev_roles and sb_csum, 0.90 with disk
 * descriptors and its checksum. Fields default to a QNAP-like 1.0 RAID1 member (data_offset 0, bad-block log at −8).
 */
public final class MdSuperblockWriter {

    public byte[] arrayUuid = {(byte) 0xe7, 0x67, (byte) 0xca, (byte) 0xf1, 0x30, 0x50, 0x45, 0x00, (byte) 0xf7, (byte) 0xda,
        0x4b, 0x48, (byte) 0x92, (byte) 0xbb, 0x49, 0x0e};
    public byte[] deviceUuid = {(byte) 0xd2, 0x71, 0x5d, 0x67, (byte) 0x9b, (byte) 0xcc, 0x2c, 0x06, (byte) 0xad, (byte) 0xdc,
        (byte) 0xbc, 0x12, (byte) 0xc7, 0x02, (byte) 0x81, (byte) 0xb2};
    public String name = "1";
    public int level = 1;
    public int layout = 0;
    /** 1.x: sectors; 0.90: written as bytes. */
    public long chunkSectors = 0;
    public int raidDisks = 2;
    public long dataOffsetSectors = 0;
    /** Used dev size; 0 = as much as fits (1.0: up to the bad-block log). */
    public long sizeSectors = 0;
    public int devNumber = 0;
    public int[] devRoles = {0, 1};
    public long events = 18;
    public long resyncOffset = -1;
    public long featureMap = 0;
    public long ctime = 1697872949L;
    public long utime = 1697905280L;
    public int bblogOffset = -8;
    public int bblogSize = 8;
    /** 0.90 only: write big-endian as a big-endian host would. */
    public boolean bigEndian = false;

    /** Location and bytes of a 1.x superblock for a member of {@code memberSectors}. */
    public long superSector(String version, long memberSectors) {
        return switch (version) {
            case "1.0" -> (memberSectors - 16) & ~7L;
            case "1.1" -> 0;
            case "1.2" -> 8;
            case "0.90" -> (memberSectors & ~127L) - 128;
            default -> throw new IllegalArgumentException(version);
        };
    }

    /** Writes the superblock of {@code version} onto the member {@code [memberStart, memberStart + memberBytes)} of {@code image}. */
    public void write(byte[] image, long memberStart, long memberBytes, String version) {
        long memberSectors = memberBytes / 512;
        long at = superSector(version, memberSectors);
        byte[] sb = version.equals("0.90") ? build090(memberSectors) : build1x(at, memberSectors);
        System.arraycopy(sb, 0, image, (int) (memberStart + at * 512), sb.length);
    }

    /** The 1.x superblock bytes (4096) for a superblock at sector {@code at}. */
    public byte[] build1x(long at, long memberSectors) {
        byte[] b = new byte[4096];
        LeWriter.u32(b, 0, 0xa92b4efcL);
        LeWriter.u32(b, 4, 1);
        LeWriter.u32(b, 8, featureMap);
        System.arraycopy(arrayUuid, 0, b, 16, 16);
        LeWriter.ascii(b, 32, name);
        LeWriter.u64(b, 64, ctime);
        LeWriter.u32(b, 72, level);
        LeWriter.u32(b, 76, layout);
        LeWriter.u32(b, 88, chunkSectors);
        LeWriter.u32(b, 92, raidDisks);
        long dataSize = at > dataOffsetSectors ? at + bblogOffset - dataOffsetSectors : memberSectors - dataOffsetSectors;
        long size = sizeSectors != 0 ? sizeSectors : dataSize;
        LeWriter.u64(b, 80, size);
        LeWriter.u64(b, 128, dataOffsetSectors);
        LeWriter.u64(b, 136, dataSize);
        LeWriter.u64(b, 144, at);
        LeWriter.u32(b, 160, devNumber);
        System.arraycopy(deviceUuid, 0, b, 168, 16);
        LeWriter.u16(b, 186, bblogSize);
        LeWriter.u32(b, 188, bblogOffset);
        LeWriter.u64(b, 192, utime);
        LeWriter.u64(b, 200, events);
        LeWriter.u64(b, 208, resyncOffset);
        LeWriter.u32(b, 220, devRoles.length);
        for (int i = 0; i < devRoles.length; i++) {
            LeWriter.u16(b, 256 + 2 * i, devRoles[i]);
        }
        LeWriter.u32(b, 216, checksum1x(b, 256 + 2 * devRoles.length));
        return b;
    }

    /** Independent of the reader: sums LE u32 words (sb_csum is still 0 here), trailing u16, one fold. */
    static long checksum1x(byte[] b, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            sum += LeWriter.u32(b, i);
        }
        if (i < len) {
            sum += (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
        }
        return (sum & 0xffffffffL) + (sum >>> 32) & 0xffffffffL;
    }

    /** The 0.90 superblock bytes (4096). */
    public byte[] build090(long memberSectors) {
        long[] w = new long[1024];
        w[0] = 0xa92b4efcL;
        w[1] = 0;
        w[2] = 90;
        w[3] = 0;
        w[5] = LeWriter.u32(arrayUuid, 0);
        w[6] = ctime;
        w[7] = level & 0xffffffffL;
        long sizeKib = sizeSectors != 0 ? sizeSectors / 2 : ((memberSectors & ~127L) - 128) / 2;
        w[8] = sizeKib;
        w[9] = devRoles.length;
        w[10] = raidDisks;
        w[11] = 0;
        w[13] = LeWriter.u32(arrayUuid, 4);
        w[14] = LeWriter.u32(arrayUuid, 8);
        w[15] = LeWriter.u32(arrayUuid, 12);
        w[32] = utime;
        w[33] = resyncOffset == -1 ? 1 : 0;
        w[34] = devRoles.length;
        w[35] = devRoles.length;
        w[39] = bigEndian ? events >>> 32 : events & 0xffffffffL;
        w[40] = bigEndian ? events & 0xffffffffL : events >>> 32;
        w[64] = layout;
        w[65] = chunkSectors != 0 ? chunkSectors * 512 : 65536;
        for (int i = 0; i < devRoles.length; i++) {
            int d = 128 + 32 * i;
            w[d] = i;
            w[d + 1] = 8;
            w[d + 2] = 16 * i;
            w[d + 3] = devRoles[i] < 0xfffd ? devRoles[i] : i;
            // state: active (bit1) + sync (bit2), faulty bit0
            w[d + 4] = devRoles[i] == 0xfffe ? 1 : devRoles[i] < 0xfffd ? 6 : 0;
        }
        System.arraycopy(w, 128 + 32 * devNumber, w, 992, 32);
        long sum = 0;
        for (long x : w) {
            sum += x;
        }
        w[38] = (sum & 0xffffffffL) + (sum >>> 32) & 0xffffffffL;
        byte[] b = new byte[4096];
        for (int i = 0; i < 1024; i++) {
            if (bigEndian) {
                LeWriter.u32be(b, 4 * i, w[i]);
            } else {
                LeWriter.u32(b, 4 * i, w[i]);
            }
        }
        return b;
    }

    public MdSuperblockWriter copy() {
        MdSuperblockWriter c = new MdSuperblockWriter();
        c.arrayUuid = arrayUuid.clone();
        c.deviceUuid = deviceUuid.clone();
        c.name = name;
        c.level = level;
        c.layout = layout;
        c.chunkSectors = chunkSectors;
        c.raidDisks = raidDisks;
        c.dataOffsetSectors = dataOffsetSectors;
        c.sizeSectors = sizeSectors;
        c.devNumber = devNumber;
        c.devRoles = Arrays.copyOf(devRoles, devRoles.length);
        c.events = events;
        c.resyncOffset = resyncOffset;
        c.featureMap = featureMap;
        c.ctime = ctime;
        c.utime = utime;
        c.bblogOffset = bblogOffset;
        c.bblogSize = bblogSize;
        c.bigEndian = bigEndian;
        return c;
    }
}
