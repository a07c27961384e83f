package io.qrescue.recovery.vm.volume;

import java.util.Arrays;
import java.util.Optional;

/**
 * The small md test arrays {@code make-volume} makes with the real mdadm, one per level, layout family and metadata
 * version: whole-disk members of {@code memberMiB} MiB each, LVM on the array with two linear volumes of known
 * content (lv1 at the start of the PV, lv2 on its last extents). {@code level}, {@code layout} (null: mdadm's
 * default), {@code chunkKiB} (0: none or mdadm's default) and {@code metadata} are mdadm's --level, --layout,
 * --chunk and --metadata; {@code stale} is the role failed and removed after the volumes were written, lv1 then
 * written again in part (-1: none); {@code bitmap} adds an internal write-intent bitmap.
 */
public enum ArrayVariant {
    LINEAR_12("md-linear-1.2", "linear", null, 0, "1.2", new int[] {3, 5, 4}, -1, false),
    RAID0_10("md-raid0-1.0", "0", null, 16, "1.0", new int[] {4, 4, 4}, -1, false),
    RAID0_ZONES_12("md-raid0-zones-1.2", "0", null, 32, "1.2", new int[] {3, 5, 5, 7}, -1, false),
    RAID1_3COPIES_11("md-raid1-3copies-1.1", "1", null, 0, "1.1", new int[] {9, 9, 9}, -1, true),
    RAID4_12("md-raid4-1.2", "4", null, 8, "1.2", new int[] {4, 4, 4, 4}, -1, false),
    RAID5_LA_12("md-raid5-la-1.2", "5", "left-asymmetric", 16, "1.2", new int[] {4, 4, 4, 4}, -1, false),
    RAID5_RA_11("md-raid5-ra-1.1", "5", "right-asymmetric", 4, "1.1", new int[] {6, 6, 6}, -1, false),
    RAID5_LS_090("md-raid5-ls-0.90", "5", "left-symmetric", 64, "0.90", new int[] {4, 4, 4, 4}, -1, false),
    RAID5_RS_10("md-raid5-rs-1.0", "5", "right-symmetric", 32, "1.0", new int[] {3, 3, 3, 3, 3}, -1, true),
    RAID5_P0_12("md-raid5-p0-1.2", "5", "parity-first", 8, "1.2", new int[] {6, 6, 6}, -1, false),
    RAID5_PN_12("md-raid5-pn-1.2", "5", "parity-last", 16, "1.2", new int[] {4, 4, 4, 4}, -1, false),
    RAID5_STALE_12("md-raid5-stale-1.2", "5", "left-symmetric", 16, "1.2", new int[] {4, 4, 4, 4}, 2, false),
    RAID6_LS_12("md-raid6-ls-1.2", "6", "left-symmetric", 16, "1.2", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_LA_10("md-raid6-la-1.0", "6", "left-asymmetric", 8, "1.0", new int[] {3, 3, 3, 3, 3, 3}, -1, false),
    RAID6_RA_090("md-raid6-ra-0.90", "6", "right-asymmetric", 32, "0.90", new int[] {5, 5, 5, 5}, -1, false),
    RAID6_RS_11("md-raid6-rs-1.1", "6", "right-symmetric", 4, "1.1", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_P0_12("md-raid6-p0-1.2", "6", "parity-first", 16, "1.2", new int[] {5, 5, 5, 5}, -1, false),
    RAID6_PN_12("md-raid6-pn-1.2", "6", "parity-last", 8, "1.2", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_DDF_ZR_12("md-raid6-ddf-zr-1.2", "6", "ddf-zero-restart", 16, "1.2", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_DDF_NR_12("md-raid6-ddf-nr-1.2", "6", "ddf-N-restart", 16, "1.2", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_DDF_NC_12("md-raid6-ddf-nc-1.2", "6", "ddf-N-continue", 16, "1.2", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_LS6_12("md-raid6-ls6-1.2", "6", "left-symmetric-6", 16, "1.2", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_RA6_10("md-raid6-ra6-1.0", "6", "right-asymmetric-6", 8, "1.0", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_P06_12("md-raid6-p06-1.2", "6", "parity-first-6", 16, "1.2", new int[] {4, 4, 4, 4, 4}, -1, false),
    RAID6_STALE_12("md-raid6-stale-1.2", "6", "left-symmetric", 16, "1.2", new int[] {4, 4, 4, 4, 4}, 1, false),
    RAID10_N2_12("md-raid10-n2-1.2", "10", "n2", 8, "1.2", new int[] {4, 4, 4, 4}, -1, false),
    RAID10_N2_ODD_10("md-raid10-n2-odd-1.0", "10", "n2", 16, "1.0", new int[] {5, 5, 5}, -1, false),
    RAID10_F2_12("md-raid10-f2-1.2", "10", "f2", 16, "1.2", new int[] {4, 4, 4, 4}, -1, false),
    RAID10_O2_11("md-raid10-o2-1.1", "10", "o2", 8, "1.1", new int[] {6, 6, 6}, -1, false),
    RAID10_N3_12("md-raid10-n3-1.2", "10", "n3", 16, "1.2", new int[] {6, 6, 6, 6}, -1, false),
    RAID10_F3_090("md-raid10-f3-0.90", "10", "f3", 32, "0.90", new int[] {6, 6, 6, 6, 6}, -1, false);

    /** lv1's size: it starts at the PV's first extent. */
    public static final int LV1_KIB = 3 << 10;
    /** lv2's size: it ends at the PV's last extent. */
    public static final int LV2_KIB = 2 << 10;
    /** The extent size of vg1. */
    public static final int EXTENT_KIB = 256;
    /** With a stale member: lv1 bytes [{@code STALE_REWRITE_OFFSET}, +{@code STALE_REWRITE_BYTES}) written again. */
    public static final int STALE_REWRITE_OFFSET = 512 << 10;
    public static final int STALE_REWRITE_BYTES = 1 << 20;

    private final String variantName;
    private final String level;
    private final String layout;
    private final int chunkKiB;
    private final String metadata;
    private final int[] memberMiB;
    private final int stale;
    private final boolean bitmap;

    ArrayVariant(String variantName, String level, String layout, int chunkKiB, String metadata, int[] memberMiB,
            int stale, boolean bitmap) {
        this.variantName = variantName;
        this.level = level;
        this.layout = layout;
        this.chunkKiB = chunkKiB;
        this.metadata = metadata;
        this.memberMiB = memberMiB;
        this.stale = stale;
        this.bitmap = bitmap;
    }

    /** The name used on the command line and for fixture directories. */
    public String variantName() {
        return variantName;
    }

    /** mdadm's --level. */
    public String level() {
        return level;
    }

    /** mdadm's --layout, or null for its default. */
    public String layout() {
        return layout;
    }

    /** mdadm's --chunk in KiB, or 0 for none. */
    public int chunkKiB() {
        return chunkKiB;
    }

    /** mdadm's --metadata. */
    public String metadata() {
        return metadata;
    }

    /** Each member's size in MiB, in role order. */
    public int[] memberMiB() {
        return memberMiB.clone();
    }

    /** How many members the array has. */
    public int members() {
        return memberMiB.length;
    }

    /** The role failed, removed and left stale before part of lv1 is written again; -1 for none. */
    public int staleRole() {
        return stale;
    }

    /** True for an internal write-intent bitmap. */
    public boolean bitmap() {
        return bitmap;
    }

    /** The variant with this name. */
    public static Optional<ArrayVariant> byName(String name) {
        return Arrays.stream(values()).filter(v -> v.variantName.equals(name)).findFirst();
    }
}
