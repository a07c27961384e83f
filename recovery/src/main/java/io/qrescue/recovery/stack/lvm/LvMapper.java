package io.qrescue.recovery.stack.lvm;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps the striped/linear segments of an LV to PV bytes (§3.5 of the format notes); pure function. */
public final class LvMapper {

    /** A striped segment with more chunks than this is corrupt metadata (or needs a lazier map). */
    static final long MAX_STRIPE_CHUNKS = 1 << 20;
    private static final String WHAT = "LVM metadata text";

    private LvMapper() {
    }

    public static LvMapping map(VolumeGroup vg, LogicalVolume lv) {
        List<Finding> findings = new ArrayList<>();
        long ext = vg.extentSizeBytes();
        Map<String, List<Extent>> pieces = new TreeMap<>();
        long sizeBytes;
        try {
            sizeBytes = Math.multiplyExact(lv.extentCount(), ext);
        } catch (ArithmeticException e) {
            findings.add(Finding.error(WHAT, 0, "LV " + lv.name() + ": size overflows"));
            return new LvMapping(0, Map.of(), findings);
        }
        if (ext <= 0) {
            findings.add(Finding.error(WHAT, 0, "VG " + vg.name() + ": no usable extent_size; LV " + lv.name() + " not mapped"));
            return new LvMapping(0, Map.of(), findings);
        }
        for (LvSegment seg : lv.segments()) {
            if (seg.type() != SegmentType.STRIPED) {
                continue;
            }
            try {
                mapStriped(vg, lv, seg, ext, pieces, findings);
            } catch (ArithmeticException e) {
                findings.add(Finding.error(WHAT, 0, "LV " + lv.name() + " " + seg.name() + ": extent arithmetic overflows;"
                        + " segment not mapped"));
            }
        }
        Map<String, ExtentMap> byPv = new TreeMap<>();
        for (Map.Entry<String, List<Extent>> e : pieces.entrySet()) {
            ExtentMap.Builder b = ExtentMap.builder();
            e.getValue().sort(java.util.Comparator.comparingLong(Extent::logicalStart));
            for (Extent x : e.getValue()) {
                b.add(x);
            }
            byPv.put(e.getKey(), b.build(sizeBytes));
        }
        return new LvMapping(sizeBytes, byPv, findings);
    }

    private static void mapStriped(VolumeGroup vg, LogicalVolume lv, LvSegment seg, long ext,
            Map<String, List<Extent>> pieces, List<Finding> findings) {
        String where = "LV " + lv.name() + " " + seg.name();
        int k = seg.stripes().size();
        if (k == 0) {
            findings.add(Finding.error(WHAT, 0, where + ": striped segment without stripes"));
            return;
        }
        long segStart = Math.multiplyExact(seg.startExtent(), ext);
        long segBytes = Math.multiplyExact(seg.extentCount(), ext);
        List<Long> pvStarts = new ArrayList<>();
        for (Stripe st : seg.stripes()) {
            PvEntry pv = vg.pv(st.pvName());
            if (pv == null || pv.peStartSectors() < 0) {
                findings.add(Finding.error(WHAT, 0, where + ": stripe on unknown PV \"" + st.pvName() + "\""));
                return;
            }
            long perStripeExtents = seg.extentCount() / k;
            if (pv.peCount() >= 0 && st.startExtent() + perStripeExtents > pv.peCount()) {
                findings.add(Finding.error(WHAT, 0, where + ": extents " + st.startExtent() + "+" + perStripeExtents
                        + " exceed " + pv.name() + "'s pe_count " + pv.peCount()));
            }
            pvStarts.add(Math.addExact(Math.multiplyExact(pv.peStartSectors(), 512L),
                    Math.multiplyExact(st.startExtent(), ext)));
        }
        if (k == 1) {
            pieces.computeIfAbsent(seg.stripes().get(0).pvName(), x -> new ArrayList<>())
                    .add(new Extent(segStart, segBytes, pvStarts.get(0)));
            return;
        }
        long chunk = Math.multiplyExact(seg.stripeSizeSectors(), 512L);
        if (chunk <= 0 || segBytes % ((long) k * chunk) != 0) {
            findings.add(Finding.error(WHAT, 0, where + ": stripe_size " + seg.stripeSizeSectors() + " sectors does not"
                    + " divide the segment over " + k + " stripes"));
            return;
        }
        long chunks = segBytes / chunk;
        if (chunks > MAX_STRIPE_CHUNKS) {
            findings.add(Finding.error(WHAT, 0, where + ": " + chunks + " stripe chunks; not mapped"));
            return;
        }
        for (long c = 0; c < chunks; c++) {
            int i = (int) (c % k);
            long row = c / k;
            pieces.computeIfAbsent(seg.stripes().get(i).pvName(), x -> new ArrayList<>())
                    .add(new Extent(segStart + c * chunk, chunk, pvStarts.get(i) + row * chunk));
        }
    }
}
