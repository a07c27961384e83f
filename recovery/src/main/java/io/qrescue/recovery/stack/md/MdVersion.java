package io.qrescue.recovery.stack.md;

/** Superblock format and where it sits on the member. */
public enum MdVersion {
    /** 4 KiB in the last 64 KiB-aligned 64 KiB block of the member. */
    V0_90("0.90"),
    /** 8 KiB before the end, 4 KiB aligned (every current QNAP array). */
    V1_0("1.0"),
    /** Sector 0. */
    V1_1("1.1"),
    /** Byte 4096. */
    V1_2("1.2");

    private final String text;

    MdVersion(String text) {
        this.text = text;
    }

    /** As mdadm prints it ("1.0"). */
    public String text() {
        return text;
    }

    /** Byte offset of this format's superblock on a member of {@code memberSizeBytes}, or -1 if it cannot fit. */
    public long superblockOffsetBytes(long memberSizeBytes) {
        long sectors = memberSizeBytes / 512;
        return switch (this) {
            case V0_90 -> sectors < 256 ? -1 : ((sectors & ~127L) - 128) * 512;
            case V1_0 -> sectors < 24 ? -1 : ((sectors - 16) & ~7L) * 512;
            case V1_1 -> sectors < 8 ? -1 : 0;
            case V1_2 -> sectors < 16 ? -1 : 4096;
        };
    }
}
