package io.qrescue.recovery.stack.md;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;

/**
 * An md array assembled from the members found on the scanned images (grouped by array UUID). {@code chosen}
 * is the in-sync member to read (highest events, lowest image index), null when no member is usable or the
 * level is not mirrored; the other in-sync members are {@link #alternatives()}.
 */
public record MdArray(String uuid, String name, int level, int raidDisks, long sizeBytes, List<MdMember> members,
        MdMember chosen, List<Finding> findings) {

    public MdArray {
        members = List.copyOf(members);
        findings = List.copyOf(findings);
    }

    /** RAID1 (and a one-member linear/RAID0) hold the array bytes contiguously on a member. */
    public boolean mirrored() {
        return level == 1;
    }

    /** The in-sync members other than {@code chosen}: each holds a full copy (RAID1). */
    public List<MdMember> alternatives() {
        return members.stream().filter(m -> m.inSync() && m != chosen).toList();
    }

    /** Array bytes → bytes of {@code member}'s image (RAID1: one contiguous run from the member's data offset). */
    public ExtentMap dataMap(MdMember member) {
        long offsetSectors = member.superblock().dataOffsetSectors();
        long room = offsetSectors < 0 || offsetSectors >= member.sizeBytes() / 512 ? 0
                : member.sizeBytes() - offsetSectors * 512;
        long mapped = Math.min(sizeBytes, room);
        if (mapped <= 0) {
            return ExtentMap.builder().build(sizeBytes);
        }
        // A member shorter than the array (a damaged superblock's size) leaves the rest as a hole.
        return ExtentMap.builder().add(new Extent(0, mapped, member.dataStartBytes())).build(sizeBytes);
    }

    /** "md1" style name when the md name is a number (QNAP), else the name or the UUID. */
    public String displayName() {
        String n = name == null ? "" : name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
        return n.isEmpty() ? uuid : n.chars().allMatch(Character::isDigit) ? "md" + n : n;
    }
}
