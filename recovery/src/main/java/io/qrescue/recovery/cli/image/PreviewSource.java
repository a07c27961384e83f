package io.qrescue.recovery.cli.image;

/**
 * Where the status screen gets the bytes of the latest good read for ddrescue's data preview (-P). The engine
 * reports positions only, so the CLI answers from the output image, which holds at {@code inputPos} plus the
 * output offset exactly what was read.
 */
@FunctionalInterface
public interface PreviewSource {

    /**
     * Copies up to {@code dst.length} bytes read from input position {@code inputPos} into {@code dst}; returns
     * how many were available (the rest of {@code dst} is shown as zeros).
     */
    int read(long inputPos, byte[] dst);

    /** A source with no data: the preview says "No data available". */
    static PreviewSource none() {
        return (pos, dst) -> 0;
    }
}
