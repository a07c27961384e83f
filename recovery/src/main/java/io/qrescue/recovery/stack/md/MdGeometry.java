package io.qrescue.recovery.stack.md;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;

/**
 * The layout of an array from its newest superblock, as the kernel sets it up: linear and RAID0 from each member's
 * usable size (1.x: data_size; 0.90: everything before the superblock), RAID1/4/5/6/10 from the superblock's used
 * device size, chunk size and layout word.
 */
final class MdGeometry {

    private MdGeometry() {
    }

    /**
     * The layout of the array {@code view} describes, its members being {@code members} (their roles as the view
     * gives them; missing roles of linear and RAID0 arrays are taken to be as large as the largest member present,
     * which is said in {@code findings}).
     *
     * @throws IllegalArgumentException naming what cannot be read (an unknown level or layout)
     */
    static MdLayout layout(MdSuperblock view, List<MdMember> members, List<Finding> findings, String what, long at) {
        int n = view.raidDisks();
        long chunk = view.chunkSectors() * 512;
        long dev = view.sizeSectors() * 512;
        if (n < 1 || n > 4096) {
            throw new IllegalArgumentException("raid_disks " + n + " is not a plausible member count");
        }
        return switch (view.level()) {
            case -1 -> new LinearLayout(memberSizes(view, members, findings, what, at), chunk);
            case 0 -> raid0(view, memberSizes(view, members, findings, what, at), chunk, findings, what, at);
            case 1 -> new Raid1Layout(n, dev);
            case 4, 5, 6 -> new ParityLayout(view.level(), view.layout(), n, chunk, dev);
            case 10 -> new Raid10Layout(n, view.layout(), chunk, dev);
            default -> throw new IllegalArgumentException(MdArray.levelName(view.level()) + " (level " + view.level()
                    + ") is not read here");
        };
    }

    private static MdLayout raid0(MdSuperblock view, long[] sizes, long chunk, List<Finding> findings, String what,
            long at) {
        boolean recorded = view.version() != MdVersion.V0_90 && (view.featureMap() & MdSuperblock.FEATURE_RAID0_LAYOUT)
                != 0;
        int layout = recorded ? view.layout() : Raid0Layout.ORIGINAL;
        Raid0Layout r = new Raid0Layout(sizes, chunk, layout);
        if (!recorded && r.zoneCount() > 1) {
            findings.add(Finding.warning(what, at, "RAID0 of unequal members with no recorded zone layout: read with "
                    + "the original layout (kernels before 3.14); a kernel from 3.14 to 5.3 wrote the alternate one "
                    + "past the first zone, so check what lies there"));
        }
        if (recorded && layout != Raid0Layout.ORIGINAL && layout != Raid0Layout.ALTERNATE && r.zoneCount() > 1) {
            throw new IllegalArgumentException("RAID0 layout " + layout + " is not one md knows");
        }
        return r;
    }

    /** Usable bytes of each role's member (the kernel's rdev->sectors before rounding). */
    private static long[] memberSizes(MdSuperblock view, List<MdMember> members, List<Finding> findings, String what,
            long at) {
        long[] sizes = new long[view.raidDisks()];
        long largest = 0;
        for (MdMember m : members) {
            boolean inRole = m.used() || m.use() == MdMember.Use.STALE && sizes[Math.max(0, m.role())] == 0;
            if (inRole && m.role() >= 0 && m.role() < sizes.length) {
                MdSuperblock sb = m.superblock();
                sizes[m.role()] = sb.version() == MdVersion.V0_90 ? sb.offsetBytes() : sb.dataSizeSectors() * 512;
                largest = Math.max(largest, sizes[m.role()]);
            }
        }
        for (int r = 0; r < sizes.length; r++) {
            if (sizes[r] == 0) {
                sizes[r] = largest;
                findings.add(Finding.warning(what, at, "role " + r + " is missing: its size is taken to be "
                        + largest + " bytes (the largest member present), which places the members after it"));
            }
        }
        return sizes;
    }
}
