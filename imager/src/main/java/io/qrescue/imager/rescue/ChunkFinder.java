package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;

/**
 * Finds the next piece to read (ddrescue: Mapfile::find_chunk and rfind_chunk, spec 2.3): the first block of a
 * status inside the domain at or after a position (or before, backwards), the request cropped to that block and,
 * unless it reaches the block's far edge, its far end aligned.
 */
final class ChunkFinder {

    /** The chunk found (size 0 if none) and whether any block of the status exists in the searched direction. */
    record Search(Block chunk, boolean blockFound) {
        boolean hasChunk() {
            return chunk.size() > 0;
        }
    }

    private ChunkFinder() {
    }

    /**
     * Forward search from {@code request.pos()} for a chunk of at most {@code request.size()} bytes; a null
     * {@code status} takes any block that is not finished (ddrescue: find_chunk with {@code unfinished}).
     *
     * @param afterFinished only blocks whose left neighbour is finished (or that are first) qualify (passes 3, 4)
     */
    static Search forward(BlockMap map, Block request, BlockStatus status, Domain domain, int alignment,
            boolean afterFinished) {
        Block b = request;
        if (b.size() <= 0 || map.isEmpty()) {
            return new Search(new Block(b.pos(), 0), false);
        }
        long firstPos = map.extent().pos();
        if (b.pos() < firstPos) {
            b = new Block(firstPos, b.size());
        }
        StatusBlock current = map.blockContaining(b.pos());
        if (current == null) {
            return new Search(new Block(b.pos(), 0), false);
        }
        boolean found = false;
        StatusBlock target = null;
        StatusBlock previous = afterFinished ? map.blockBefore(current) : null;
        for (; current != null; previous = current, current = map.blockAfter(current)) {
            boolean wanted = status == null ? current.status() != BlockStatus.FINISHED : current.status() == status;
            if (wanted && domain.includes(current)) {
                found = true;
                if (!afterFinished || previous == null || previous.status() == BlockStatus.FINISHED) {
                    target = current;
                    break;
                }
            }
        }
        if (target == null) {
            return new Search(new Block(b.pos(), 0), found);
        }
        if (b.pos() < target.pos()) {
            b = new Block(target.pos(), b.size());
        }
        if (!target.block().includes(b)) {
            b = b.crop(target.block());
        }
        if (b.end() != target.end()) {
            b = b.alignEnd(alignment);
        }
        return new Search(b, found);
    }

    /**
     * Backward search from {@code request.end()} for a chunk of at most {@code request.size()} bytes.
     *
     * @param beforeFinished only blocks whose right neighbour is finished (or that are last) qualify (pass 4)
     */
    static Search backward(BlockMap map, Block request, BlockStatus status, Domain domain, int alignment,
            boolean beforeFinished) {
        Block b = request;
        if (b.size() <= 0 || map.isEmpty()) {
            return new Search(new Block(b.pos(), 0), false);
        }
        long lastEnd = map.extent().end();
        if (b.end() > lastEnd) {
            b = withEnd(b, lastEnd);
        }
        StatusBlock current = b.end() > 0 ? map.blockContaining(b.end() - 1) : null;
        if (current == null) {
            return new Search(new Block(b.pos(), 0), false);
        }
        boolean found = false;
        StatusBlock target = null;
        StatusBlock next = beforeFinished ? map.blockAfter(current) : null;
        for (; current != null && current.size() > 0; next = current, current = map.blockBefore(current)) {
            if (current.status() == status && domain.includes(current)) {
                found = true;
                if (!beforeFinished || next == null || next.status() == BlockStatus.FINISHED) {
                    target = current;
                    break;
                }
            }
        }
        if (target == null) {
            return new Search(new Block(b.pos(), 0), found);
        }
        if (b.end() > target.end()) {
            b = withEnd(b, target.end());
        }
        if (!target.block().includes(b)) {
            b = b.crop(target.block());
        }
        if (b.pos() != target.pos()) {
            b = b.alignPos(alignment);
        }
        return new Search(b, found);
    }

    /** The block moved so it ends at {@code end}, keeping its size if possible (ddrescue: Block::end(e)). */
    static Block withEnd(Block b, long end) {
        return b.size() <= end ? new Block(end - b.size(), b.size()) : new Block(0, end);
    }
}
