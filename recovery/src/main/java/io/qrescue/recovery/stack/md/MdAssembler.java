package io.qrescue.recovery.stack.md;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Assembles md arrays as mdadm does (pure function): members grouped by array UUID; the newest superblock (highest
 * event count with a good checksum) is the array's view of itself; a member is in sync when its events are at most
 * one behind (the kernel's rule) and the view gives it an active role. A stale member (older events, failed or
 * removed in the view, bad checksum) is not read while the array is complete without it; when the array is not,
 * the newest such member of a missing role is read with all its bytes marked unknown. A reshape in progress, an
 * unknown level or layout leave the array without a layout (not read), with a finding saying why.
 */
public final class MdAssembler {

    private MdAssembler() {
    }

    /** A device with a superblock, before assembly. */
    public record Candidate(String label, int imageIndex, long startBytes, long sizeBytes, MdSuperblock superblock) {
    }

    /** One array per distinct array UUID, in order of first appearance. */
    public static List<MdArray> assemble(List<Candidate> candidates) {
        Map<String, List<Candidate>> byUuid = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            byUuid.computeIfAbsent(c.superblock().arrayUuid(), k -> new ArrayList<>()).add(c);
        }
        List<MdArray> arrays = new ArrayList<>();
        for (List<Candidate> group : byUuid.values()) {
            arrays.add(assembleOne(group));
        }
        return arrays;
    }

    private static MdArray assembleOne(List<Candidate> group) {
        List<Finding> findings = new ArrayList<>();
        Candidate newest = group.stream().filter(c -> c.superblock().checksumOk())
                .max(Comparator.comparingLong(c -> c.superblock().events())).orElse(group.get(0));
        MdSuperblock view = newest.superblock();
        String what = "md array " + nameOf(view);
        long at = newest.startBytes() + view.offsetBytes();
        List<MdMember> members = new ArrayList<>();
        for (Candidate c : group) {
            members.add(classify(c, view, members));
        }
        MdLayout layout = null;
        String refused = refusal(view);
        if (refused == null) {
            try {
                layout = MdGeometry.layout(view, members, findings, what, at);
            } catch (IllegalArgumentException e) {
                refused = e.getMessage();
            }
        }
        if (refused != null) {
            findings.add(Finding.error(what, at, refused));
        } else {
            members = complete(layout, members, findings, what, at);
        }
        for (MdMember m : members) {
            if (!m.used()) {
                findings.add(Finding.warning("md member " + m.label(), m.startBytes() + m.superblock().offsetBytes(),
                        "not used: " + m.state()));
            } else if (m.use() == MdMember.Use.DOUBTED) {
                findings.add(Finding.warning("md member " + m.label(), m.startBytes() + m.superblock().offsetBytes(),
                        "read although " + m.state()));
            }
        }
        MdArray array = new MdArray(view.arrayUuid(), view.name(), view.level(), view.raidDisks(),
                layout == null ? 0 : layout.arrayBytes(), view, layout, members, findings);
        if (layout != null) {
            roleFindings(array, findings, what, at);
            array = new MdArray(array.uuid(), array.name(), array.level(), array.raidDisks(), array.sizeBytes(), view,
                    layout, members, findings);
        }
        return array;
    }

    private static String nameOf(MdSuperblock sb) {
        String n = sb.name() == null || sb.name().isEmpty() ? sb.arrayUuid() : sb.name();
        return n.contains(":") ? n.substring(n.indexOf(':') + 1) : n;
    }

    /** Why the array is not read at all, or null. */
    private static String refusal(MdSuperblock view) {
        MdSuperblock.Reshape r = view.reshape();
        if (r == null) {
            return null;
        }
        return "a reshape is in progress (" + MdArray.levelName(view.level()) + " of " + view.raidDisks()
                + " devices becoming " + MdArray.levelName(r.newLevel()) + " of " + (view.raidDisks() + r.deltaDisks())
                + ", done up to array sector " + r.positionSectors() + "): qrescue does not read an array in mid-reshape;"
                + " let mdadm finish it on copies of the members (mdadm --assemble, then --grow --continue)";
    }

    /** A member's state against the view, before completeness is looked at. */
    private static MdMember classify(Candidate c, MdSuperblock view, List<MdMember> earlier) {
        MdSuperblock sb = c.superblock();
        for (MdMember e : earlier) {
            if (sameDevice(e.superblock(), sb)) {
                return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, -1,
                        MdMember.Use.NOT_USED, "the same device as " + e.label() + (sb.deviceUuid() == null ? ""
                        : " (device UUID " + sb.deviceUuid() + ")") + ": given twice, or a copy of it");
            }
        }
        int viewRole = sb.devNumber() >= 0 && sb.devNumber() < view.devRoles().size()
                ? view.devRoles().get(sb.devNumber()) : MdRole.SPARE;
        boolean offsetSane = sb.dataOffsetSectors() >= 0 && sb.dataOffsetSectors() < c.sizeBytes() / 512;
        String doubt = null;
        if (!offsetSane) {
            return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, -1, MdMember.Use.NOT_USED,
                    "data_offset " + sb.dataOffsetSectors() + " outside the member");
        } else if (sb.checksumOk() && sb.superOffsetSectors() * 512 != sb.offsetBytes()) {
            // the kernel refuses a superblock found elsewhere than its own super_offset says
            return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, -1, MdMember.Use.NOT_USED,
                    "superblock found at sector " + sb.offsetBytes() / 512 + " but says it is at sector "
                    + sb.superOffsetSectors());
        } else if (!sb.checksumOk()) {
            doubt = "its superblock has a bad checksum";
        } else if (sb.events() + 1 < view.events()) {
            doubt = "stale: events " + sb.events() + " < " + view.events() + " (left the array before its last writes)";
        } else if (viewRole == MdRole.FAULTY) {
            doubt = "faulty in the newest superblock";
        } else if (!MdRole.isActive(viewRole)) {
            if (!MdRole.isActive(sb.role())) {
                return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, -1,
                        MdMember.Use.NOT_USED, MdRole.describe(sb.role()));
            }
            doubt = "removed from the array (" + MdRole.describe(viewRole) + " in the newest superblock)";
        } else if (viewRole >= view.raidDisks()) {
            return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, -1, MdMember.Use.NOT_USED,
                    "role " + viewRole + " beyond the array's " + view.raidDisks() + " devices");
        }
        if (doubt != null) {
            // a candidate for its own last known role, if the array cannot do without it
            return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, sb.role(),
                    MdMember.Use.STALE, doubt);
        }
        for (MdMember e : earlier) {
            if (e.inSync() && e.role() == viewRole) {
                return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, -1,
                        MdMember.Use.NOT_USED, "role " + viewRole + " is already " + e.label() + "'s");
            }
        }
        if (sb.recovering() && sb.recoveryOffsetSectors() < sb.sizeSectors()) {
            return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, viewRole,
                    MdMember.Use.RECOVERING, "being rebuilt: valid up to sector " + sb.recoveryOffsetSectors());
        }
        return new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, viewRole,
                MdMember.Use.IN_SYNC, "in sync");
    }

    /** Same superblock owner: the same device UUID (1.x) or slot, events and update time (0.90). */
    private static boolean sameDevice(MdSuperblock a, MdSuperblock b) {
        if (a.deviceUuid() != null || b.deviceUuid() != null) {
            return a.deviceUuid() != null && a.deviceUuid().equals(b.deviceUuid()) && a.devNumber() == b.devNumber();
        }
        return a.devNumber() == b.devNumber() && a.events() == b.events() && a.utimeSeconds() == b.utimeSeconds();
    }

    /**
     * Brings in, for each role without an in-sync member while the array is not complete, the newest member that
     * last held that role (its bytes of unknown provenance); the other not-in-sync members stay unused.
     */
    private static List<MdMember> complete(MdLayout layout, List<MdMember> members, List<Finding> findings,
            String what, long at) {
        List<MdMember> out = new ArrayList<>(members);
        boolean[] present = new boolean[layout.devices()];
        for (MdMember m : out) {
            if (m.inSync() && m.role() >= 0 && m.role() < present.length) {
                present[m.role()] = true;
            }
        }
        while (!layout.completeWith(present)) {
            MdMember best = null;
            for (MdMember m : out) {
                boolean candidate = m.use() == MdMember.Use.STALE && m.role() >= 0 && m.role() < present.length
                        && !present[m.role()];
                if (candidate && (best == null || m.superblock().events() > best.superblock().events())) {
                    best = m;
                }
            }
            if (best == null) {
                break;
            }
            out.set(out.indexOf(best), best.as(best.role(), MdMember.Use.DOUBTED, best.state()
                    + "; role " + best.role() + " has no in-sync member, so it is read and the volumes on the array are"
                    + " of unknown provenance"));
            present[best.role()] = true;
        }
        return out;
    }

    private static void roleFindings(MdArray array, List<Finding> findings, String what, long at) {
        List<Integer> missing = array.missingRoles();
        if (missing.isEmpty()) {
            return;
        }
        MdLayout layout = array.layout();
        boolean[] present = new boolean[array.raidDisks()];
        for (int r = 0; r < present.length; r++) {
            present[r] = array.memberIn(r) != null;
        }
        String roles = (missing.size() == 1 ? "role " : "roles ") + missing.stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + " of 0-" + (array.raidDisks() - 1);
        String kind = array.levelName() + ", " + array.raidDisks() + " devices";
        if (layout.completeWith(present)) {
            String how = layout instanceof ParityLayout ? "rebuilt from parity" : "read from the other copies";
            findings.add(Finding.info(what, at, "degraded (" + kind + "): " + roles + " missing; "
                    + "every byte is still readable (" + how + ")"));
        } else {
            findings.add(Finding.error(what, at, "too many members missing (" + kind + ", survives "
                    + layout.redundancy() + " missing): " + roles + " missing; only the bytes the members present "
                    + "hold or rebuild can be read"));
        }
    }
}
