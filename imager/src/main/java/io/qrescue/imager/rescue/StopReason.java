package io.qrescue.imager.rescue;

/** Why a rescue ended before finishing its phases, with the text ddrescue prints and logs (spec 2.9). */
public enum StopReason {
    /** -E. The text gets the rate appended by {@link RescueResult#stopMessages()}. */
    ERROR_RATE("Too high error rate reading input file"),
    /** -e. */
    BAD_AREAS("Too many bad areas in input file"),
    /** -T. */
    TIMEOUT("Timeout expired"),
    /** -J found the input inconsistent, or another failure explained by the result's message. */
    OTHER_ERROR(""),
    /** -X. */
    READ_ERRORS("Too many read errors"),
    /** --max-slow-reads. */
    SLOW_READS("Too many slow reads"),
    /** The interrupt flag was set (ddrescue: a signal). */
    INTERRUPTED("Interrupted by user"),
    /** The mapfile could not be saved. */
    MAPFILE_ERROR("Mapfile error"),
    /** A fatal read or write error; the result's message says which. */
    FATAL_ERROR("");

    private final String text;

    StopReason(String text) {
        this.text = text;
    }

    /** ddrescue's event text; empty when the result's message explains the stop instead. */
    public String text() {
        return text;
    }
}
