package io.qrescue.imager.rescue;

/** What a ddrescue command line asks for; at most one of {@code -F}, {@code -G}, {@code --command-mode}. */
public enum OperationMode {
    /** The normal rescue: copy, trim, scrape, retry. */
    RESCUE,
    /** {@code --command-mode}: a rescue driven by commands read from standard input. */
    COMMAND,
    /** {@code -F TYPES}: write infile's data over the output blocks whose mapfile status is in TYPES. */
    FILL,
    /** {@code -G}: build an approximate mapfile from infile and a partial copy in outfile. */
    GENERATE
}
