package io.qrescue.imager.rescue.log;

import java.io.IOException;

/**
 * Writes a log's text and remembers the first failure: a log must never stop a rescue (ddrescue keeps copying
 * when a log file cannot be written), so after an error nothing more is written and {@link #failed()} says so.
 */
final class LogWriter {

    private final Appendable out;
    private boolean failed;

    LogWriter(Appendable out) {
        this.out = out;
    }

    void write(String text) {
        if (failed) {
            return;
        }
        try {
            out.append(text);
        } catch (IOException e) {
            failed = true;
        }
    }

    boolean failed() {
        return failed;
    }
}
