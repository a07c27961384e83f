package io.qrescue.recovery.stack.md;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups member superblocks by array UUID and decides which members are in sync (pure function). */
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
        // The newest view of the array: the highest event count among superblocks with a good checksum.
        Candidate newest = group.stream().filter(c -> c.superblock().checksumOk())
                .max(Comparator.comparingLong(c -> c.superblock().events()))
                .orElse(group.get(0));
        MdSuperblock view = newest.superblock();
        List<MdMember> members = new ArrayList<>();
        for (Candidate c : group) {
            MdSuperblock sb = c.superblock();
            String state = "in sync";
            int roleInView = sb.devNumber() < view.devRoles().size() ? view.devRoles().get(sb.devNumber()) : MdRole.SPARE;
            boolean offsetSane = sb.dataOffsetSectors() >= 0 && sb.dataOffsetSectors() < c.sizeBytes() / 512;
            if (!offsetSane) {
                state = "data_offset " + sb.dataOffsetSectors() + " outside the member";
            } else if (!sb.checksumOk()) {
                state = "bad checksum";
            } else if (sb.superOffsetSectors() * 512 != sb.offsetBytes()) {
                // the kernel refuses a superblock found elsewhere than its own super_offset says
                state = "superblock found at sector " + sb.offsetBytes() / 512 + " but says it is at sector "
                        + sb.superOffsetSectors();
            } else if (sb.events() < view.events()) {
                state = "stale events (" + sb.events() + " < " + view.events() + ")";
            } else if (roleInView == MdRole.FAULTY || sb.role() == MdRole.FAULTY) {
                state = "faulty";
            } else if (!MdRole.isActive(roleInView) || !MdRole.isActive(sb.role())) {
                state = MdRole.describe(sb.role());
            } else if (sb.recovering() && sb.recoveryOffsetSectors() < sb.sizeSectors()) {
                state = "recovering (valid up to sector " + sb.recoveryOffsetSectors() + ")";
            }
            members.add(new MdMember(c.label(), c.imageIndex(), c.startBytes(), c.sizeBytes(), sb, state.equals("in sync"),
                    state));
            if (!state.equals("in sync")) {
                findings.add(Finding.warning("md member " + c.label(), c.startBytes() + sb.offsetBytes(),
                        "not used: " + state));
            }
        }
        long sizeBytes = view.sizeSectors() < 0 || view.sizeSectors() > Long.MAX_VALUE / 512 ? Long.MAX_VALUE
                : view.sizeBytes();
        MdMember chosen = null;
        if (view.level() != 1) {
            findings.add(Finding.error("md array " + view.arrayUuid(), newest.startBytes() + view.offsetBytes(),
                    "RAID level " + view.level() + " is not mapped here (only RAID1 is): qrescue rescue and "
                            + "qrescue boot read it in the recovery VM"));
        } else {
            chosen = members.stream().filter(MdMember::inSync).findFirst().orElse(null);
            if (chosen == null) {
                // Nothing trustworthy: a RAID1 member still holds a full (maybe old) copy; read it rather than nothing.
                chosen = members.stream().filter(m -> m.superblock().dataOffsetSectors() >= 0
                        && m.superblock().dataOffsetSectors() < m.sizeBytes() / 512).findFirst().orElse(null);
            }
            if (chosen == null) {
                findings.add(Finding.error("md array " + view.arrayUuid(), newest.startBytes() + view.offsetBytes(),
                        "no member with its data inside it among " + members.size()));
            } else if (!chosen.inSync()) {
                findings.add(Finding.error("md array " + view.arrayUuid(), newest.startBytes() + view.offsetBytes(),
                        "no in-sync member among " + members.size() + "; reading " + chosen.label() + " ("
                                + chosen.state() + ")"));
            }
            if (chosen != null) {
                long room = chosen.sizeBytes() - chosen.superblock().dataOffsetSectors() * 512;
                if (sizeBytes > room) {
                    findings.add(Finding.error("md array " + view.arrayUuid(), chosen.startBytes() + view.offsetBytes() + 80,
                            "array size " + sizeBytes + " bytes exceeds member " + chosen.label() + "; cut to " + room));
                    sizeBytes = Math.max(0, room);
                }
            }
        }
        long active = members.stream().filter(MdMember::inSync).count();
        if (active < view.raidDisks() && view.level() == 1) {
            findings.add(Finding.info("md array " + view.arrayUuid(), newest.startBytes() + view.offsetBytes(),
                    "degraded: " + active + " of " + view.raidDisks() + " members present and in sync"));
        }
        return new MdArray(view.arrayUuid(), view.name(), view.level(), view.raidDisks(), sizeBytes, members, chosen,
                findings);
    }
}
