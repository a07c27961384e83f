package io.qrescue.mapfile.log;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The places where reading failed: maximal runs of non-trimmed, non-scraped and bad-sector blocks (what a
 * technician calls one damaged area, whatever phase left it), with the bytes of each status inside.
 * Non-tried blocks are not damage, only work not done yet.
 *
 * @param area  the run
 * @param bytes bytes of each failed status inside the run
 */
public record DamagedAreas(Block area, Map<BlockStatus, Long> bytes) {

    /** Every damaged area of {@code map}, in map order. */
    public static List<DamagedAreas> of(BlockMap map) {
        List<DamagedAreas> areas = new ArrayList<>();
        long start = -1;
        long end = -1;
        Map<BlockStatus, Long> bytes = null;
        for (StatusBlock sb : map) {
            boolean failed = sb.status() != BlockStatus.FINISHED && sb.status() != BlockStatus.NON_TRIED;
            if (failed && start >= 0 && sb.pos() == end) {
                end = sb.end();
                bytes.merge(sb.status(), sb.size(), Long::sum);
            } else if (failed) {
                if (start >= 0) {
                    areas.add(new DamagedAreas(Block.between(start, end), bytes));
                }
                start = sb.pos();
                end = sb.end();
                bytes = new EnumMap<>(BlockStatus.class);
                bytes.put(sb.status(), sb.size());
            } else if (start >= 0) {
                areas.add(new DamagedAreas(Block.between(start, end), bytes));
                start = -1;
            }
        }
        if (start >= 0) {
            areas.add(new DamagedAreas(Block.between(start, end), bytes));
        }
        return areas;
    }

}
