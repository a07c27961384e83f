package io.qrescue.imager.rescue;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.StatusBlock;

/**
 * Bytes per status inside the rescue domain and the number of bad areas (maximal runs of '-' blocks in the
 * domain; blocks outside the domain separate runs). ddrescue: the size fields of Rescuebook.
 */
final class StatusCounters {

    private final long[] bytesByStatus = new long[BlockStatus.values().length];
    private long badAreas;

    /** Recounts everything from the map (ddrescue: initialize_sizes). */
    void initialize(Mapfile map, Domain domain) {
        java.util.Arrays.fill(bytesByStatus, 0);
        badAreas = 0;
        boolean good = true;
        for (StatusBlock sb : map.blocks()) {
            if (!domain.includes(sb)) {
                if (domain.isBefore(sb.block())) {
                    break;
                }
                good = true;
                continue;
            }
            bytesByStatus[sb.status().ordinal()] += sb.size();
            if (sb.status() == BlockStatus.BAD_SECTOR) {
                if (good) {
                    good = false;
                    ++badAreas;
                }
            } else {
                good = true;
            }
        }
    }

    /** Accounts for {@code size} bytes moving from {@code from} to {@code to}, and a bad-area delta. */
    void move(long size, BlockStatus from, BlockStatus to, int badAreaDelta) {
        bytesByStatus[from.ordinal()] -= size;
        bytesByStatus[to.ordinal()] += size;
        badAreas += badAreaDelta;
    }

    long bytes(BlockStatus status) {
        return bytesByStatus[status.ordinal()];
    }

    long badAreas() {
        return badAreas;
    }
}
