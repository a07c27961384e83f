package io.qrescue.imager.output;

import io.qrescue.imager.os.linux.LinuxBlockDevice;
import io.qrescue.imager.os.linux.LinuxOutputImage;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the output image the way ddrescue's options ask. */
public final class OutputImages {

    /** Direct writes are widened to 4096 bytes: a multiple of every Linux logical sector size up to a page. */
    private static final int DIRECT_ALIGNMENT = 4096;

    private OutputImages() {
    }

    /**
     * Opens or creates {@code path}: with {@code direct} (ddrescue -D) through O_DIRECT with sector-aligned
     * writes, else through the JDK; {@code readable} also allows reading it back (ddrescue -W).
     *
     * @throws IOException also when direct I/O is asked for where it is not available or refused
     */
    public static OutputImage open(Path path, boolean readable, boolean direct) throws IOException {
        if (!direct) {
            return FileOutputImage.open(path, readable);
        }
        if (!LinuxBlockDevice.isAvailable()) {
            throw new IOException("direct output (O_DIRECT) needs Linux with native access");
        }
        return new SectorAlignedImage(LinuxOutputImage.openDirect(path), DIRECT_ALIGNMENT);
    }
}
