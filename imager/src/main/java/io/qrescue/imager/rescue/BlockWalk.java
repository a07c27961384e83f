package io.qrescue.imager.rescue;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;

/**
 * Walks the map block by block in map order (last to first with -R), as ddrescue's trimming and scraping
 * loops do. After a block has been processed the walk resumes at the same place, so the pieces the block was
 * split into are looked at again (none of them has the walked status any more).
 */
final class BlockWalk {

    private final BlockMap map;
    private final boolean reverse;
    private long cursor; // forwards: a position in the next block; backwards: the end of the next block

    BlockWalk(BlockMap map, boolean reverse) {
        this.map = map;
        this.reverse = reverse;
        this.cursor = reverse ? map.extent().end() : map.extent().pos();
    }

    /**
     * The next block whose status is {@code status} and that lies in the domain, or null at the end of the walk
     * or of the domain.
     */
    StatusBlock next(io.qrescue.mapfile.BlockStatus status, Domain domain) {
        while (true) {
            StatusBlock sb = reverse ? (cursor > 0 ? map.blockContaining(cursor - 1) : null)
                    : map.firstBlockFrom(cursor);
            if (sb == null) {
                return null;
            }
            if (!domain.includes(sb)) {
                boolean pastDomain = reverse ? sb.end() <= domain.pos() : domain.isBefore(sb.block());
                if (pastDomain) {
                    return null;
                }
                skip(sb);
                continue;
            }
            if (sb.status() != status) {
                skip(sb);
                continue;
            }
            // the caller processes sb; the walk looks at the same place again afterwards
            cursor = reverse ? sb.end() : sb.pos();
            return sb;
        }
    }

    private void skip(StatusBlock sb) {
        cursor = reverse ? sb.pos() : sb.end();
    }
}
