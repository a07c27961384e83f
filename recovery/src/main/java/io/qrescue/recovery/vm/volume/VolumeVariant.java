package io.qrescue.recovery.vm.volume;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of test volume the generator makes. */
public enum VolumeVariant {
    /** md RAID1 metadata 1.0, one member present and one missing (QNAP's single-disk pool). */
    MD10_SINGLE("md10-single", "1.0", 1, 1, false),
    /** The same with md metadata 1.2 (superblock 4 KiB into the member, data after it). */
    MD12_SINGLE("md12-single", "1.2", 1, 1, false),
    /** md RAID1 metadata 1.0 with both members present: two images. */
    MD10_RAID1("md10-raid1", "1.0", 1, 2, false),
    /** md10-single whose LVM metadata text names the pool segment QNAP's way: tier-thin-pool. */
    MD10_TIER("md10-tier", "1.0", 1, 1, true),
    /** md RAID5 metadata 1.0 over three members, all present: three images (a small QNAP multi-disk pool). */
    MD10_RAID5("md10-raid5", "1.0", 5, 3, false),
    /** md RAID6 metadata 1.2 over five members, all present (left-symmetric, 512 KiB chunks): five images. */
    MD12_RAID6("md12-raid6", "1.2", 6, 5, false),
    /**
     * md10-single whose thin volumes are encrypted as QNAP and cryptsetup do ({@link EncryptedTestVolumes}): LUKS1 cbc-plain
     * with the MD5-crypt passphrase, LUKS1 cbc-essiv made with a long password's 16-character prefix, LUKS2 xts with
     * argon2id, LUKS2 cbc-plain64 with 4 KiB sectors.
     */
    MD10_LUKS("md10-luks", "1.0", 1, 1, false);

    private final String variantName;
    private final String mdMetadata;
    private final int mdLevel;
    private final int memberImages;
    private final boolean tierSegmentType;

    VolumeVariant(String variantName, String mdMetadata, int mdLevel, int memberImages, boolean tierSegmentType) {
        this.variantName = variantName;
        this.mdMetadata = mdMetadata;
        this.mdLevel = mdLevel;
        this.memberImages = memberImages;
        this.tierSegmentType = tierSegmentType;
    }

    /** The name used on the command line and for fixture directories. */
    public String variantName() {
        return variantName;
    }

    /** mdadm's --metadata value. */
    public String mdMetadata() {
        return mdMetadata;
    }

    /** mdadm's --level value: 1 (two slots, an absent member is "missing"), 5 or 6 (every member present). */
    public int mdLevel() {
        return mdLevel;
    }

    /** How many member images the variant has (the RAID1 always has two slots; an absent one is "missing"). */
    public int memberImages() {
        return memberImages;
    }

    /** True when the LVM metadata is rewritten to QNAP's tier-thin-pool segment type after creation. */
    public boolean tierSegmentType() {
        return tierSegmentType;
    }

    /** True when the thin volumes are LUKS-encrypted ({@link EncryptedTestVolumes}). */
    public boolean encrypted() {
        return this == MD10_LUKS;
    }

    /** The variant with this name. */
    public static Optional<VolumeVariant> byName(String name) {
        return Arrays.stream(values()).filter(v -> v.variantName.equals(name)).findFirst();
    }
}
