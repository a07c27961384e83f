package io.qrescue.recovery.stack.lvm;

/** LVM UUID forms: 32 characters on disk, dashed 6-4-4-4-4-4-6 for display and in metadata text. */
public final class LvmUuid {

    private LvmUuid() {
    }

    public static String display(String raw) {
        if (raw == null || raw.length() != 32) {
            return raw;
        }
        int[] groups = {6, 4, 4, 4, 4, 4, 6};
        StringBuilder sb = new StringBuilder(38);
        int p = 0;
        for (int g : groups) {
            if (p > 0) {
                sb.append('-');
            }
            sb.append(raw, p, p + g);
            p += g;
        }
        return sb.toString();
    }

    public static String raw(String display) {
        return display == null ? null : display.replace("-", "");
    }
}
