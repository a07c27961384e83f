package io.qrescue.imager.rescue;

import io.qrescue.mapfile.BlockStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The settings of a fill run (ddrescue: Fb_options plus the few Mapbook settings fill mode uses).
 *
 * @param fillTypes           the block statuses whose blocks are overwritten
 * @param writeLocation       write a location text into each sector ({@code -F} with {@code l})
 * @param ignoreWriteErrors   {@code -w}: skip sectors that cannot be written instead of stopping
 * @param synchronousWrites   {@code -y}: sync the output after each write
 * @param sectorSize          bytes per sector (ddrescue: hardbs)
 * @param clusterSectors      sectors per write (ddrescue: cluster)
 * @param outputOffset        outfile position minus infile position (ddrescue: offset)
 * @param saveIntervalSeconds mapfile save interval, -1 for ddrescue's automatic one
 * @param syncIntervalSeconds mapfile sync interval
 */
public record FillOptions(Set<BlockStatus> fillTypes, boolean writeLocation, boolean ignoreWriteErrors,
        boolean synchronousWrites, int sectorSize, int clusterSectors, long outputOffset, int saveIntervalSeconds,
        int syncIntervalSeconds) {

    public FillOptions {
        if (fillTypes.isEmpty()) {
            throw new IllegalArgumentException("no block status to fill");
        }
        fillTypes = Collections.unmodifiableSet(EnumSet.copyOf(fillTypes));
        if (sectorSize < 1 || clusterSectors < 1 || (long) sectorSize * clusterSectors >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sector size " + sectorSize + ", cluster " + clusterSectors);
        }
    }

    /** Bytes per write (ddrescue: softbs). */
    public int clusterBytes() {
        return sectorSize * clusterSectors;
    }
}
