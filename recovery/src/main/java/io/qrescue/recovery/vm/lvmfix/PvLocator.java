package io.qrescue.recovery.vm.lvmfix;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.lvm.PvReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an LVM PV may start in an image: at 0 (a partition image; an md 1.0 member, whose array data starts at
 * offset 0), after an md 1.1/1.2 superblock's data offset, and the same inside each partition of an MBR or GPT
 * disk image (QNAP's data array is partition 3).
 */
public final class PvLocator {

    private static final int SECTOR = 512;
    private static final int MD_MAGIC = 0xa92b4efc;
    private static final int MAX_GPT_ENTRIES = 256;

    private PvLocator() {
    }

    /** Candidate PV starts (bytes) with how each was found, in order of likelihood, without duplicates. */
    public static Map<Long, String> candidates(ImageSource image) throws IOException {
        Map<Long, String> out = new LinkedHashMap<>();
        addWithMd(image, 0, "the image", out);
        List<long[]> partitions = partitions(image);
        for (int i = 0; i < partitions.size(); i++) {
            long start = partitions.get(i)[0];
            long length = partitions.get(i)[1];
            if (start > 0 && start + length <= image.size()) {
                addWithMd(image.slice(start, length), start, "partition " + partitions.get(i)[2], out);
            }
        }
        return out;
    }

    /** Offsets among the candidates where an LVM label really is. */
    public static List<Long> pvOffsets(ImageSource image) throws IOException {
        List<Long> found = new ArrayList<>();
        for (long offset : candidates(image).keySet()) {
            if (PvReader.hasLabel(image.slice(offset, image.size() - offset))) {
                found.add(offset);
            }
        }
        return found;
    }

    private static void addWithMd(ImageSource area, long base, String what, Map<Long, String> out) throws IOException {
        out.putIfAbsent(base, what);
        for (long sbAt : new long[] {0, 4096}) {
            if (area.size() < sbAt + 256) {
                continue;
            }
            ByteBuffer sb = ByteBuffer.wrap(area.readFully(sbAt, 256)).order(ByteOrder.LITTLE_ENDIAN);
            if (sb.getInt(0) == MD_MAGIC && sb.getInt(4) == 1) {
                long dataOffset = sb.getLong(128) * SECTOR;
                if (dataOffset > 0 && dataOffset < area.size()) {
                    out.putIfAbsent(base + dataOffset, what + ", md 1." + (sbAt == 0 ? 1 : 2) + " data");
                }
            }
        }
    }

    /** {start, length} in bytes and the partition number, of each partition of a GPT (preferred) or MBR table, in table order. */
    static List<long[]> partitions(ImageSource image) throws IOException {
        List<long[]> out = new ArrayList<>();
        if (image.size() < 2 * SECTOR) {
            return out;
        }
        byte[] mbr = image.readFully(0, SECTOR);
        if ((mbr[510] & 0xff) != 0x55 || (mbr[511] & 0xff) != 0xaa) {
            return out;
        }
        ByteBuffer gpt = ByteBuffer.wrap(image.readFully(SECTOR, SECTOR)).order(ByteOrder.LITTLE_ENDIAN);
        if (Arrays.equals(gpt.array(), 0, 8, "EFI PART".getBytes(StandardCharsets.US_ASCII), 0, 8)) {
            long entriesLba = gpt.getLong(72);
            int count = Math.min(gpt.getInt(80), MAX_GPT_ENTRIES);
            int entrySize = gpt.getInt(84);
            if (entrySize < 128 || entrySize > 4096 || entriesLba < 2) {
                return out;
            }
            for (int i = 0; i < count; i++) {
                long at = entriesLba * SECTOR + (long) i * entrySize;
                if (at + 128 > image.size()) {
                    break;
                }
                ByteBuffer e = ByteBuffer.wrap(image.readFully(at, 128)).order(ByteOrder.LITTLE_ENDIAN);
                boolean used = e.getLong(0) != 0 || e.getLong(8) != 0;
                if (used) {
                    long first = e.getLong(32);
                    long last = e.getLong(40);
                    out.add(new long[] {first * SECTOR, (last - first + 1) * SECTOR, i + 1});
                }
            }
            return out;
        }
        ByteBuffer m = ByteBuffer.wrap(mbr).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++) {
            int e = 446 + 16 * i;
            int type = mbr[e + 4] & 0xff;
            long first = Integer.toUnsignedLong(m.getInt(e + 8));
            long sectors = Integer.toUnsignedLong(m.getInt(e + 12));
            if (type != 0 && sectors > 0) {
                out.add(new long[] {first * SECTOR, sectors * SECTOR, i + 1});
            }
        }
        return out;
    }
}
