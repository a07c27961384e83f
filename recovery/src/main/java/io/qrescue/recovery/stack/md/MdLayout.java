package io.qrescue.recovery.stack.md;

/**
 * Where an md level puts the array's bytes on its members, as the kernel's drivers do (md-linear.c, raid0.c,
 * raid1.c, raid10.c, raid5.c). Offsets on a member count from its data offset; all values are bytes. Devices
 * are role numbers (slots) 0 to {@link #devices()} - 1.
 */
public sealed interface MdLayout permits CopyLayout, ParityLayout {

    /** Size of the array. */
    long arrayBytes();

    /** Number of roles (raid_disks). */
    int devices();

    /** Bytes of each member's data area the layout uses. */
    long memberBytes(int device);

    /** True when every array byte can be read or rebuilt with only the devices marked present. */
    boolean completeWith(boolean[] present);

    /** How many members may be lost, whichever they are, with every array byte still readable. */
    int redundancy();

    /** For people: "RAID5 left-symmetric, 4 devices, 64 KiB chunks". */
    String describe();

    /** The member ranges that hold or protect array bytes {@code [arrayOffset, +length)}, in array order. */
    java.util.List<MemberRange> forward(long arrayOffset, long length);

    /** Bytes {@code [memberOffset, +length)} of role {@code device} and what they hold, in member order. */
    java.util.List<MemberUse> reverse(int device, long memberOffset, long length);

    /** Member bytes {@code [memberOffset, +length)} of {@code device}, for an array range (see {@link #forward}). */
    record MemberRange(int device, long memberOffset, long length, MemberUse.Kind kind) {
    }
}
