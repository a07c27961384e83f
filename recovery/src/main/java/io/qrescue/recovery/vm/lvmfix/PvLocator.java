package io.qrescue.recovery.vm.lvmfix;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.lvm.PvReader;
import io.qrescue.recovery.stack.md.MdSuperblock;
import io.qrescue.recovery.stack.md.MdSuperblockReader;
import io.qrescue.recovery.stack.partition.Partition;
import io.qrescue.recovery.stack.partition.PartitionTableReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an LVM PV may start in an image: at 0 (a partition image; an md 1.0 member, whose array data starts at
 * offset 0), after an md 1.1/1.2 superblock's data offset, and the same inside each partition of an MBR or GPT
 * disk image (QNAP's data array is partition 3). The stack's own readers find the partitions and superblocks.
 */
public final class PvLocator {

    private static final long SECTOR = 512;

    private PvLocator() {
    }

    /** Candidate PV starts (bytes) with how each was found, in order of likelihood, without duplicates. */
    public static Map<Long, String> candidates(ImageSource image) {
        Map<Long, String> out = new LinkedHashMap<>();
        addWithMd(image, 0, "the image", out);
        for (Partition p : PartitionTableReader.read(image).partitions()) {
            if (p.startBytes() > 0 && p.endBytes() <= image.size()) {
                addWithMd(image.slice(p.startBytes(), p.sizeBytes()), p.startBytes(), "partition " + p.number(), out);
            }
        }
        return out;
    }

    /** Offsets among the candidates where an LVM label really is. */
    public static List<Long> pvOffsets(ImageSource image) {
        List<Long> found = new ArrayList<>();
        for (long offset : candidates(image).keySet()) {
            if (PvReader.hasLabel(image.slice(offset, image.size() - offset))) {
                found.add(offset);
            }
        }
        return found;
    }

    private static void addWithMd(ImageSource area, long base, String what, Map<Long, String> out) {
        out.putIfAbsent(base, what);
        for (MdSuperblock sb : MdSuperblockReader.probe(area).superblocks()) {
            long dataOffset = sb.dataOffsetSectors() * SECTOR;
            if (dataOffset > 0 && dataOffset < area.size()) {
                out.putIfAbsent(base + dataOffset, what + ", md " + sb.version().text() + " data");
            }
        }
    }
}
