package io.qrescue.imager.device;

import io.qrescue.imager.time.TimeSource;
import java.util.Objects;

/**
 * How {@link BlockDevices#open} opens a source, always read-only.
 *
 * @param sectorSize the sector size the rescue works in (ddrescue -b), also the size of a regular file's sector
 * @param directIo   bypass the page cache (O_DIRECT, ddrescue -d); refused by some file systems (tmpfs)
 * @param time       clock for read durations
 */
public record OpenOptions(int sectorSize, boolean directIo, TimeSource time) {

    public OpenOptions {
        if (sectorSize < 1) {
            throw new IllegalArgumentException("sector size must be positive");
        }
        Objects.requireNonNull(time, "time");
    }

    /** Buffered reads of {@code sectorSize}-byte sectors timed by the system clock. */
    public static OpenOptions of(int sectorSize) {
        return new OpenOptions(sectorSize, false, TimeSource.system());
    }

    /** The same options with direct I/O on or off. */
    public OpenOptions withDirectIo(boolean direct) {
        return new OpenOptions(sectorSize, direct, time);
    }
}
