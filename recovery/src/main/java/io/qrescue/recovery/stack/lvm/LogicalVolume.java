package io.qrescue.recovery.stack.lvm;

import java.util.List;

/** An LV of the VG metadata: name, id, status and compatible flags, segments ordered by start extent. */
public record LogicalVolume(String name, String id, List<String> status, List<String> flags, String creationHost,
        long creationTime, long segmentCount, List<LvSegment> segments, ConfigSection raw) {

    public LogicalVolume {
        status = List.copyOf(status);
        flags = List.copyOf(flags);
        segments = List.copyOf(segments);
    }

    /** Hidden sub-LVs (tmeta, tdata, pmspare) lack VISIBLE. */
    public boolean visible() {
        return status.contains("VISIBLE");
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag) || status.contains(flag);
    }

    /** Extents covered by the segments (the LV's size in extents). */
    public long extentCount() {
        long end = 0;
        for (LvSegment s : segments) {
            end = Math.max(end, s.endExtent());
        }
        return end;
    }

    /** The type of the first segment (what kind of LV this is), OTHER without segments. */
    public SegmentType kind() {
        return segments.isEmpty() ? SegmentType.OTHER : segments.get(0).type();
    }

    public LvSegment firstSegment() {
        return segments.isEmpty() ? null : segments.get(0);
    }
}
