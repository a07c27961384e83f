package io.qrescue.recovery.pipeline;

/** What a rescue job tells while it runs; the command line renders it. */
public interface PipelineListener {

    PipelineListener NONE = new PipelineListener() {
    };

    /** A stage starts ({@code skipped}: it was done already for this mapfile). */
    default void stage(String name, String what, boolean skipped) {
    }

    /** A line worth showing about the current stage. */
    default void note(String message) {
    }

    /** Every byte of a file's data is now imaged: it can be copied out whole ({@code path} in its volume). */
    default void fileComplete(String volume, String path, long sizeBytes) {
    }
}
