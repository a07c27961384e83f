package io.qrescue.recovery.stack.md;

/** The special values of a 1.x {@code dev_roles[]} entry; values below {@link #JOURNAL} are slot numbers. */
public final class MdRole {

    public static final int SPARE = 0xffff;
    public static final int FAULTY = 0xfffe;
    public static final int JOURNAL = 0xfffd;

    private MdRole() {
    }

    /** True for a slot number (an active data role). */
    public static boolean isActive(int role) {
        return role < JOURNAL;
    }

    /** As mdadm prints "Device Role". */
    public static String describe(int role) {
        return switch (role) {
            case SPARE -> "spare";
            case FAULTY -> "faulty";
            case JOURNAL -> "journal";
            default -> "Active device " + role;
        };
    }
}
