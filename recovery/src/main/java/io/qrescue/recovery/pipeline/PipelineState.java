package io.qrescue.recovery.pipeline;

import io.qrescue.mapfile.MapfileFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which stages of a job are done, each with the fingerprint of what it was done for (the mapfile's digest for
 * the stages after imaging), saved atomically after every stage so a rerun continues where it stopped.
 */
final class PipelineState {

    private final Path file;
    private final Properties done = new Properties();

    private PipelineState(Path file) {
        this.file = file;
    }

    /** The state saved in {@code file}, or an empty one. */
    static PipelineState load(Path file) throws IOException {
        PipelineState s = new PipelineState(file);
        try {
            s.done.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        } catch (NoSuchFileException e) {
            // a new job
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a job state file (" + e.getMessage() + ")", e);
        }
        return s;
    }

    /** True when {@code stage} was done for {@code fingerprint}. */
    boolean isDone(String stage, String fingerprint) {
        return fingerprint.equals(done.getProperty(stage));
    }

    /** What was recorded under {@code key}, or null. */
    String value(String key) {
        return done.getProperty(key);
    }

    /** Records {@code stage} as done for {@code fingerprint} and saves. */
    void markDone(String stage, String fingerprint) throws IOException {
        done.setProperty(stage, fingerprint);
        save();
    }

    /** Forgets {@code stage} (its inputs changed) and saves. */
    void forget(String stage) throws IOException {
        if (done.remove(stage) != null) {
            save();
        }
    }

    private void save() throws IOException {
        StringWriter w = new StringWriter();
        done.store(w, "qrescue rescue: stages done");
        new MapfileFiles().replace(file, w.toString().getBytes(StandardCharsets.ISO_8859_1), false);
    }
}
