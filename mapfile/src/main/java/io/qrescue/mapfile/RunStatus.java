package io.qrescue.mapfile;

/** The phase a rescue was in, saved in the status line of a mapfile (ddrescue: Mapfile::Status). */
public enum RunStatus {
    COPYING('?', "copying"),
    TRIMMING('*', "trimming"),
    SCRAPING('/', "scraping"),
    RETRYING('-', "retrying"),
    FILLING('F', "filling"),
    GENERATING('G', "generating"),
    FINISHED('+', "finished");

    private final char symbol;
    private final String label;

    RunStatus(char symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    /** The character written in the status line. */
    public char symbol() {
        return symbol;
    }

    /** ddrescue's name for the phase ("copying", "trimming", ...). */
    public String label() {
        return label;
    }

    /** The run status written as {@code symbol}, or null if the character is none. */
    public static RunStatus fromSymbol(int symbol) {
        for (RunStatus status : values()) {
            if (status.symbol == symbol) {
                return status;
            }
        }
        return null;
    }
}
