package io.qrescue.recovery.stack.md;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * An md array assembled from the members found on the scanned images (grouped by array UUID, newest superblock's
 * view): its geometry ({@code layout}, null when the array cannot be read: a reshape in progress, an unknown level
 * or layout), every member found with its use, and what was noticed. {@code sizeBytes} is the array's size (0
 * when there is no layout).
 */
public record MdArray(String uuid, String name, int level, int raidDisks, long sizeBytes, MdSuperblock view,
        MdLayout layout, List<MdMember> members, List<Finding> findings) {

    public MdArray {
        members = List.copyOf(members);
        findings = List.copyOf(findings);
    }

    /** The member read for {@code role}, or null when the role has none. */
    public MdMember memberIn(int role) {
        return members.stream().filter(m -> m.used() && m.role() == role).findFirst().orElse(null);
    }

    /** The roles no member is read for. */
    public List<Integer> missingRoles() {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < raidDisks; r++) {
            if (memberIn(r) == null) {
                out.add(r);
            }
        }
        return out;
    }

    /** True when the array can be read (it has a layout). */
    public boolean readable() {
        return layout != null;
    }

    /** "RAID5" style, "linear" for -1. */
    public String levelName() {
        return levelName(level);
    }

    /** mdadm's name of an md level. */
    public static String levelName(int level) {
        return switch (level) {
            case -1 -> "linear";
            case -4 -> "multipath";
            case -5 -> "faulty";
            default -> "RAID" + level;
        };
    }

    /** "md1" style name when the md name is a number (QNAP), else the name or the UUID. */
    public String displayName() {
        String n = name == null ? "" : name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
        return n.isEmpty() ? uuid : n.chars().allMatch(Character::isDigit) ? "md" + n : n;
    }
}
