package io.qrescue.recovery.vm.seed;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code lvm lvs -a --noheadings --separator '|' -o vg_name,lv_name,lv_attr,segtype,pool_lv,origin}.
 *
 * @param vg      volume group
 * @param lv      LV name (hidden ones in brackets, as lvm prints them)
 * @param attr    lv_attr, ten characters (type, permissions, ..., skip-activation flag at 10)
 * @param segtype segment type of its first segment (thin, thin-pool, linear, snapshot, ...)
 * @param pool    thin pool of a thin volume, else ""
 * @param origin  origin of a snapshot, else ""
 */
public record LvRow(String vg, String lv, String attr, String segtype, String pool, String origin) {

    /** Command that prints what {@link #parse} reads. */
    static final String FIELDS = "vg_name,lv_name,lv_attr,segtype,pool_lv,origin";

    /** Rows of the report; lines that are not rows (warnings) are skipped. */
    public static List<LvRow> parse(String output) {
        List<LvRow> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length != 6 || f[0].isBlank() || f[2].length() < 5) {
                continue;
            }
            rows.add(new LvRow(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].strip(), f[5].strip()));
        }
        return rows;
    }

    /** A hidden sub-LV (pool data/metadata, spare): lvm prints its name in brackets. */
    public boolean hidden() {
        return lv.startsWith("[");
    }

    /** A volume that may hold a filesystem: a thin volume (QNAP's "thick" too) or a plain linear/striped LV. */
    public boolean holdsData() {
        if (hidden() || attr.charAt(0) == 't') {
            return false;
        }
        return segtype.equals("thin") || segtype.equals("thick") || segtype.equals("linear")
                || segtype.equals("striped");
    }

    /** Carries lvm's activation-skip flag (thin snapshots): activate with -K. */
    public boolean skipsActivation() {
        return attr.length() >= 10 && attr.charAt(9) == 'k';
    }

    /** vg/lv. */
    public String path() {
        return vg + "/" + lv;
    }
}
