package io.qrescue.mapfile;

/**
 * Status of one block of a mapfile, ordered from least to most processed (ddrescue: Sblock::Status).
 * The order matters when ddrescue joins sub-sector pieces: the less processed side wins.
 */
public enum BlockStatus {
    NON_TRIED('?', "non-tried"),
    NON_TRIMMED('*', "non-trimmed"),
    NON_SCRAPED('/', "non-scraped"),
    BAD_SECTOR('-', "bad-sector"),
    FINISHED('+', "finished");

    private static final BlockStatus[] BY_SYMBOL = new BlockStatus[128];

    static {
        for (BlockStatus status : values()) {
            BY_SYMBOL[status.symbol] = status;
        }
    }

    private final char symbol;
    private final String label;

    BlockStatus(char symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    /** The character written in the mapfile. */
    public char symbol() {
        return symbol;
    }

    /** ddrescue's name for the status, as in its summaries ("non-tried", "bad-sector", ...). */
    public String label() {
        return label;
    }

    /** 0 for non-tried up to 4 for finished. */
    public int processedRank() {
        return ordinal();
    }

    /** Every status but bad-sector counts as "good" when ddrescue counts bad areas. */
    public boolean isGood() {
        return this != BAD_SECTOR;
    }

    /** The status written as {@code symbol}, or null if the character is no block status. */
    public static BlockStatus fromSymbol(int symbol) {
        return symbol >= 0 && symbol < BY_SYMBOL.length ? BY_SYMBOL[symbol] : null;
    }
}
