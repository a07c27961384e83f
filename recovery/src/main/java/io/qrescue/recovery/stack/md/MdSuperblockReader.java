package io.qrescue.recovery.stack.md;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Bytes;
import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Looks for md superblocks of every version on a member (a partition or a whole image); never throws. */
public final class MdSuperblockReader {

    static final long MAGIC = 0xa92b4efcL;
    private static final int SB_BYTES = 4096;
    /** 1.x: dev_roles must fit in the 4 KiB superblock area after the 256-byte header (mdadm's MAX_DEVS). */
    static final int MAX_DEV_1X = (SB_BYTES - 256) / 2;
    private static final int DISKS_0_90 = 27;

    private MdSuperblockReader() {
    }

    /** Probes the four superblock locations of {@code member}. */
    public static MdProbe probe(ImageSource member) {
        List<Finding> findings = new ArrayList<>();
        List<MdSuperblock> found = new ArrayList<>();
        for (MdVersion v : MdVersion.values()) {
            long at = v.superblockOffsetBytes(member.size());
            if (at < 0) {
                continue;
            }
            byte[] b = Bytes.readOrNull(member, at, SB_BYTES);
            if (b == null) {
                String why = at + SB_BYTES <= member.size() ? Bytes.damageText(member, at, SB_BYTES) : null;
                if (why != null) {
                    findings.add(Finding.warning("md superblock " + v.text(), at, "location cannot be read, so an md "
                            + "superblock there is not seen: " + why));
                }
                continue;
            }
            MdSuperblock sb = v == MdVersion.V0_90 ? decode090(b, at, member.size(), findings) : decode1x(b, v, at,
                    member.size(), findings);
            if (sb != null) {
                found.add(sb);
            }
        }
        MdSuperblock best = found.stream().filter(sb -> sb.checksumOk() && sb.superOffsetSectors() * 512 == sb.offsetBytes())
                .max(Comparator.comparingLong(MdSuperblock::utimeSeconds)).orElse(null);
        if (best == null && !found.isEmpty()) {
            // A superblock whose checksum is wrong still tells where the array is; use it, with the error attached.
            best = found.get(0);
        }
        long usable = found.stream().filter(MdSuperblock::checksumOk).count();
        if (usable > 1) {
            findings.add(Finding.warning("md superblock", best.offsetBytes(), usable
                    + " valid superblocks of different versions on one member; using version " + best.version().text()));
        }
        return new MdProbe(found, best, findings);
    }

    private static MdSuperblock decode1x(byte[] b, MdVersion v, long at, long memberSize, List<Finding> findings) {
        if (Bytes.u32(b, 0) != MAGIC) {
            return null;
        }
        String what = "md superblock " + v.text();
        if (Bytes.u32(b, 4) != 1) {
            findings.add(Finding.error(what, at + 4, "major_version " + Bytes.u32(b, 4) + " (expected 1)"));
            return null;
        }
        long maxDev = Bytes.u32(b, 220);
        if (maxDev > MAX_DEV_1X) {
            findings.add(Finding.error(what, at + 220, "max_dev " + maxDev + " exceeds " + MAX_DEV_1X
                    + "; dev_roles not read"));
            maxDev = 0;
        }
        int csumLen = 256 + 2 * (int) maxDev;
        long stored = Bytes.u32(b, 216);
        long computed = checksum1x(b, csumLen);
        if (stored != computed) {
            findings.add(Finding.error(what, at + 216, String.format("sb_csum %08x, expected %08x", stored, computed)));
        }
        long superOffset = Bytes.u64(b, 144);
        if (superOffset * 512 != at) {
            findings.add(Finding.error(what, at + 144, "super_offset " + superOffset + " sectors but found at sector "
                    + at / 512));
        }
        long dataOffset = Bytes.u64(b, 128);
        long size = Bytes.u64(b, 80);
        long dataSize = Bytes.u64(b, 136);
        long memberSectors = memberSize / 512;
        if (dataOffset > memberSectors || size > memberSectors - Math.min(dataOffset, memberSectors)) {
            findings.add(Finding.error(what, at + 80, "data_offset " + dataOffset + " + size " + size
                    + " sectors exceed the member (" + memberSectors + " sectors)"));
        }
        List<Integer> roles = new ArrayList<>();
        for (int i = 0; i < maxDev; i++) {
            roles.add(Bytes.u16(b, 256 + 2 * i));
        }
        long devNumber = Bytes.u32(b, 160);
        if (devNumber >= maxDev) {
            findings.add(Finding.warning(what, at + 160, "dev_number " + devNumber + " outside dev_roles[" + maxDev + "]"));
        }
        return new MdSuperblock(v, at, false, uuid(b, 16), Bytes.cString(b, 32, 32), Bytes.s32(b, 72), Bytes.s32(b, 76),
                Bytes.u32(b, 88), (int) Math.min(Bytes.u32(b, 92), Integer.MAX_VALUE), size, dataOffset, dataSize,
                superOffset, Bytes.u32(b, 8), (int) Math.min(devNumber, Integer.MAX_VALUE), uuid(b, 168),
                Bytes.u64(b, 200), Bytes.u64(b, 208), Bytes.u64(b, 152), Bytes.s32(b, 96), Bytes.s32(b, 188),
                Bytes.u16(b, 186), Bytes.u64(b, 64) & 0xff_ffff_ffffL, Bytes.u64(b, 192) & 0xff_ffff_ffffL, roles,
                stored, computed, (Bytes.u32(b, 8) & MdSuperblock.FEATURE_RESHAPE_ACTIVE) == 0 ? null
                : new MdSuperblock.Reshape(Bytes.u64(b, 104), Bytes.s32(b, 100), Bytes.s32(b, 112), Bytes.s32(b, 116),
                Bytes.u32(b, 120)));
    }

    /** mdadm's calc_sb_1_csum: LE u32 words over {@code len} bytes with sb_csum as 0, a trailing u16, folded once. */
    static long checksum1x(byte[] b, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            sum += i == 216 ? 0 : Bytes.u32(b, i);
        }
        if (len - i == 2) {
            sum += Bytes.u16(b, i);
        }
        return ((sum & 0xffffffffL) + (sum >>> 32)) & 0xffffffffL;
    }

    private static MdSuperblock decode090(byte[] b, long at, long memberSize, List<Finding> findings) {
        boolean le = Bytes.u32(b, 0) == MAGIC;
        boolean be = Bytes.u32be(b, 0) == MAGIC;
        if (!le && !be) {
            return null;
        }
        Word w = new Word(b, be);
        String what = "md superblock 0.90";
        if (w.u(0 + 1) != 0 || w.u(2) < 90) {
            findings.add(Finding.error(what, at + 4, "version " + w.u(1) + "." + w.u(2) + " (expected 0.90)"));
            return null;
        }
        if (be) {
            findings.add(Finding.info(what, at, "big-endian superblock (written by a big-endian host)"));
        }
        long sum = 0;
        for (int i = 0; i < 1024; i++) {
            sum += i == 38 ? 0 : w.u(i);
        }
        long computed = ((sum & 0xffffffffL) + (sum >>> 32)) & 0xffffffffL;
        long stored = w.u(38);
        if (stored != computed && fold16(stored) != fold16(computed)) {
            findings.add(Finding.error(what, at + 38 * 4, String.format("sb_csum %08x, expected %08x", stored, computed)));
        } else {
            stored = computed;
        }
        String uuid = String.format("%08x:%08x:%08x:%08x", w.u(5), w.u(13), w.u(14), w.u(15));
        long sizeKib = w.u(8);
        long memberKib = memberSize / 1024;
        if (sizeKib > memberKib) {
            findings.add(Finding.error(what, at + 32, "size " + sizeKib + " KiB exceeds the member (" + memberKib + " KiB)"));
        }
        long events = be ? (w.u(39) << 32 | w.u(40)) : (w.u(40) << 32 | w.u(39));
        List<Integer> roles = new ArrayList<>();
        for (int i = 0; i < DISKS_0_90; i++) {
            int d = 128 + 32 * i;
            long state = w.u(d + 4);
            long raidDisk = w.u(d + 3);
            boolean faulty = (state & 1) != 0;
            boolean sync = (state & (1 << 2)) != 0;
            roles.add(faulty ? MdRole.FAULTY : sync && raidDisk < MdRole.JOURNAL ? (int) raidDisk : MdRole.SPARE);
        }
        int thisNumber = (int) Math.min(w.u(992), Integer.MAX_VALUE);
        long superSectors = at / 512;
        return new MdSuperblock(MdVersion.V0_90, at, be, uuid, "", (int) w.u(7), (int) w.u(64), w.u(65) / 512,
                (int) Math.min(w.u(10), Integer.MAX_VALUE), sizeKib * 2, 0, sizeKib * 2, superSectors, 0, thisNumber, null,
                events, (w.u(33) & 1) != 0 ? -1L : 0, 0, 0, 0, 0, w.u(6), w.u(32), roles, stored, computed,
                w.u(2) >= 91 ? new MdSuperblock.Reshape(be ? w.u(44) << 32 | w.u(45) : w.u(45) << 32 | w.u(44),
                (int) w.u(46), (int) w.u(47), (int) w.u(48), w.u(49) / 512) : null);
    }

    private static long fold16(long x) {
        x = (x & 0xffff) + (x >>> 16);
        return (x & 0xffff) + (x >>> 16);
    }

    /** mdadm prints a 1.x UUID as four groups of four bytes in on-disk order. */
    private static String uuid(byte[] b, int off) {
        return Bytes.hex(b, off, 4) + ":" + Bytes.hex(b, off + 4, 4) + ":" + Bytes.hex(b, off + 8, 4) + ":"
                + Bytes.hex(b, off + 12, 4);
    }

    /** 32-bit words of a 0.90 superblock in the writer's byte order. */
    private record Word(byte[] b, boolean bigEndian) {
        long u(int word) {
            return bigEndian ? Bytes.u32be(b, word * 4) : Bytes.u32(b, word * 4);
        }
    }
}
