package io.qrescue.recovery.source;

/** Why a run of a source's bytes is not good. */
public enum DamageKind {

    /** The bytes lie on image bytes the image's mapfile does not mark finished, or past the image's end. */
    UNREADABLE("unreadable"),

    /**
     * Where the bytes come from is in doubt: the metadata that places them is unreadable, fails its checks, is
     * ambiguous between copies, or was rebuilt from copies that may be stale. Whatever is read there may be
     * another volume's bytes or zeros, so it is never handed out as good.
     */
    UNKNOWN("unknown");

    private final String label;

    DamageKind(String label) {
        this.label = label;
    }

    /** "unreadable" or "unknown", as reports and messages say it. */
    public String label() {
        return label;
    }
}
