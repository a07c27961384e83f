package io.qrescue.imager.rescue;

import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.pipeline.CopyPipeline;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;

/**
 * The output as the engine's own code sees it while the copy pipeline writes to it: every access first waits for
 * the writes decided so far, and then lets the session undo the map changes of a failed write, so the mapfile
 * saved after a sync never gets ahead of the data.
 */
final class DrainedOutput implements OutputImage {

    private final OutputImage output;
    private final CopyPipeline pipeline;
    private final Runnable afterFailedWrite;

    DrainedOutput(OutputImage output, CopyPipeline pipeline, Runnable afterFailedWrite) {
        this.output = output;
        this.pipeline = pipeline;
        this.afterFailedWrite = afterFailedWrite;
    }

    private void drain() throws IOException {
        try {
            if (pipeline.drain() != null) {
                afterFailedWrite.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the output writer");
        }
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        drain();
        output.write(pos, src);
    }

    @Override
    public int read(long pos, ByteBuffer dst) throws IOException {
        drain();
        return output.read(pos, dst);
    }

    @Override
    public long size() throws IOException {
        drain();
        return output.size();
    }

    @Override
    public void truncate(long size) throws IOException {
        drain();
        output.truncate(size);
    }

    @Override
    public void sync() throws IOException {
        drain();
        output.sync();
    }

    /** The run's caller owns the output and closes it. */
    @Override
    public void close() {
    }
}
