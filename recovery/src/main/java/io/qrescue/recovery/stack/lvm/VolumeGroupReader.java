package io.qrescue.recovery.stack.lvm;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns parsed metadata text into the typed {@link VolumeGroup}; tolerant of missing keys, reports each. */
public final class VolumeGroupReader {

    private static final String WHAT = "LVM metadata text";

    private VolumeGroupReader() {
    }

    /** Parses and decodes {@code text} (on-disk or backup form). */
    public static VgRead read(String text) {
        ParsedText parsed = MetadataTextParser.parse(text);
        VgRead vg = read(parsed.root());
        List<Finding> all = new ArrayList<>(parsed.findings());
        all.addAll(vg.findings());
        return new VgRead(vg.vg(), all);
    }

    /** Decodes the VG section of {@code root}: the top-level section that has {@code physical_volumes} or a seqno. */
    public static VgRead read(ConfigSection root) {
        List<Finding> findings = new ArrayList<>();
        ConfigSection vgs = null;
        for (ConfigSection s : root.sections()) {
            if (s.section("physical_volumes") != null || s.value("seqno") != null) {
                vgs = s;
                break;
            }
        }
        if (vgs == null) {
            findings.add(Finding.error(WHAT, 0, "no volume group section"));
            return new VgRead(null, findings);
        }
        long extentSize = vgs.integer("extent_size", -1);
        if (extentSize <= 0 || extentSize > (1L << 40)) {
            findings.add(Finding.error(WHAT, 0, "VG " + vgs.name() + ": extent_size " + extentSize + " is not usable"));
        }
        List<PvEntry> pvs = new ArrayList<>();
        ConfigSection pvSection = vgs.section("physical_volumes");
        if (pvSection != null) {
            for (ConfigSection p : pvSection.sections()) {
                requireKeys(p, "PV " + p.name(), findings, "id", "status");
                PvEntry e = new PvEntry(p.name(), p.string("id"), p.string("device"), p.strings("status"),
                        p.strings("flags"), p.integer("dev_size", -1), p.integer("pe_start", -1), p.integer("pe_count", -1));
                if (e.peStartSectors() < 0 || e.peCount() < 0) {
                    findings.add(Finding.error(WHAT, 0, "PV " + p.name() + ": pe_start " + e.peStartSectors()
                            + " / pe_count " + e.peCount() + " missing or negative"));
                }
                pvs.add(e);
            }
        } else {
            findings.add(Finding.error(WHAT, 0, "VG " + vgs.name() + " has no physical_volumes"));
        }
        List<LogicalVolume> lvs = new ArrayList<>();
        ConfigSection lvSection = vgs.section("logical_volumes");
        if (lvSection != null) {
            for (ConfigSection l : lvSection.sections()) {
                lvs.add(lv(l, findings));
            }
        }
        VolumeGroup vg = new VolumeGroup(vgs.name(), vgs.string("id"), vgs.integer("seqno", -1), vgs.string("format"),
                vgs.strings("status"), vgs.strings("flags"), extentSize, vgs.integer("max_lv", 0),
                vgs.integer("max_pv", 0), pvs, lvs, vgs);
        return new VgRead(vg, findings);
    }

    /**
     * An ERROR finding for each of {@code keys} the section lacks: lvm2 (import_vsn1.c) refuses the whole VG for
     * any of them, so their absence is damage, whatever this reader can still make of the rest.
     */
    private static void requireKeys(ConfigSection s, String what, List<Finding> findings, String... keys) {
        for (String key : keys) {
            if (s.value(key) == null) {
                findings.add(Finding.error(WHAT, 0, what + ": no " + key + " key (lvm2 refuses such metadata)"));
            }
        }
    }

    private static LogicalVolume lv(ConfigSection l, List<Finding> findings) {
        requireKeys(l, "LV " + l.name(), findings, "id", "status", "segment_count");
        List<LvSegment> segs = new ArrayList<>();
        for (ConfigSection s : l.sections()) {
            if (!s.name().startsWith("segment")) {
                continue;
            }
            long start = s.integer("start_extent", -1);
            long count = s.integer("extent_count", -1);
            String typeName = s.string("type");
            if (start < 0 || count <= 0 || start > Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                findings.add(Finding.error(WHAT, 0, "LV " + l.name() + " " + s.name() + ": start_extent " + start
                        + " / extent_count " + count + " not usable; segment skipped"));
                continue;
            }
            long stripeCount = s.integer("stripe_count", typeName != null && typeName.equals("striped") ? -1 : 0);
            List<Stripe> stripes = new ArrayList<>();
            if (s.value("stripes") instanceof ConfigValue.Array a) {
                List<ConfigValue> e = a.elements();
                for (int i = 0; i + 1 < e.size(); i += 2) {
                    if (e.get(i) instanceof ConfigValue.Str pv && e.get(i + 1) instanceof ConfigValue.Int pe
                            && pe.value() >= 0) {
                        stripes.add(new Stripe(pv.value(), pe.value()));
                    } else {
                        findings.add(Finding.error(WHAT, 0, "LV " + l.name() + " " + s.name() + ": stripes element "
                                + i / 2 + " is not a (\"pvN\", extent) pair"));
                    }
                }
                if (e.size() % 2 != 0) {
                    findings.add(Finding.error(WHAT, 0, "LV " + l.name() + " " + s.name() + ": odd stripes array"));
                }
            }
            if (typeName == null) {
                // lvm2 refuses the whole VG ("Segment type must be a string"); here the segment stays, unmapped
                findings.add(Finding.error(WHAT, 0, "LV " + l.name() + " " + s.name() + ": no type key; its extents"
                        + " are not mapped"));
            }
            SegmentType type = SegmentType.of(typeName);
            if (type == SegmentType.STRIPED && stripeCount != stripes.size()) {
                findings.add(Finding.error(WHAT, 0, "LV " + l.name() + " " + s.name() + ": stripe_count " + stripeCount
                        + " but " + stripes.size() + " stripes"));
            }
            if (type == SegmentType.OTHER && typeName != null) {
                findings.add(Finding.info(WHAT, 0, "LV " + l.name() + " " + s.name() + ": segment type \"" + typeName
                        + "\" kept but not mapped"));
            }
            segs.add(new LvSegment(s.name(), start, count, typeName, type, stripeCount, s.integer("stripe_size", 0),
                    stripes, s));
        }
        segs.sort(Comparator.comparingLong(LvSegment::startExtent));
        List<LvSegment> ordered = new ArrayList<>();
        long end = 0;
        for (LvSegment s : segs) {
            if (s.startExtent() < end) {
                findings.add(Finding.error(WHAT, 0, "LV " + l.name() + " " + s.name() + " overlaps the previous segment;"
                        + " skipped"));
                continue;
            }
            ordered.add(s);
            end = s.endExtent();
        }
        long segmentCount = l.integer("segment_count", -1);
        if (segmentCount != segs.size()) {
            findings.add(Finding.warning(WHAT, 0, "LV " + l.name() + ": segment_count " + segmentCount + " but "
                    + segs.size() + " segments"));
        }
        return new LogicalVolume(l.name(), l.string("id"), l.strings("status"), l.strings("flags"),
                l.string("creation_host"), l.integer("creation_time", -1), segmentCount, ordered, l);
    }
}
