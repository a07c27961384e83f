package io.qrescue.recovery.stack.finding;

/** How much a finding matters to someone who wants their data back. */
public enum Severity {
    /** A fact worth showing (an older metadata copy, a fallback that was used). */
    INFO,
    /** Something is off but a usable answer was still found (a backup copy, another member). */
    WARNING,
    /** The structure could not be read; what depends on it is missing from the result. */
    ERROR
}
