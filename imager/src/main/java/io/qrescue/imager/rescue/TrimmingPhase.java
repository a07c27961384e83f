package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;

/**
 * Trims the edges of each non-trimmed block, one sector at a time, leading edge forwards then trailing edge
 * backwards, each until a read fails; what is left becomes non-scraped (spec 2.5; ddrescue: trim_errors). With
 * -R only the block order is reversed.
 */
final class TrimmingPhase {

    private final RescueSession session;

    TrimmingPhase(RescueSession session) {
        this.session = session;
    }

    Flow run() throws InterruptedException {
        boolean reverse = session.options.reverse();
        String message = "Trimming failed blocks... " + (reverse ? "(backwards)" : "(forwards)");
        int sector = session.sectorSize;
        session.startPass();
        BlockWalk walk = new BlockWalk(session.map.blocks(), reverse);
        StatusBlock sb;
        while ((sb = walk.next(BlockStatus.NON_TRIMMED, session.domain())) != null) {
            StatusBlock left = session.map.blocks().blockBefore(sb);
            StatusBlock right = session.map.blocks().blockAfter(sb);
            boolean leftBad = left != null && left.status() == BlockStatus.BAD_SECTOR;
            boolean rightBad = right != null && right.status() == BlockStatus.BAD_SECTOR;
            if (leftBad && rightBad) {
                // ddrescue leaves it for scraping without updating its counters (spec 2.5 quirk)
                session.changeStatusUncounted(sb, BlockStatus.NON_SCRAPED);
                continue;
            }
            long pos = sb.pos();
            long end = sb.end();
            boolean errorFound = leftBad;
            while (pos < end && !errorFound) { // leading edge
                Block b = new Block(pos, Math.min(sector, end - pos));
                if (b.end() != end) {
                    b = b.alignEnd(sector);
                }
                pos = b.end();
                RescueSession.Step step = session.copyAndUpdate(b, RunStatus.TRIMMING, 1, message, true,
                        BlockStatus.BAD_SECTOR);
                Flow flow = afterRead(step);
                if (flow != Flow.OK) {
                    return flow;
                }
                errorFound = step.failed() > 0;
            }
            errorFound = rightBad;
            while (pos < end && !errorFound) { // trailing edge
                long size = Math.min(sector, end - pos);
                Block b = new Block(end - size, size);
                if (b.pos() != pos) {
                    b = b.alignPos(sector);
                }
                end = b.pos();
                RescueSession.Step step = session.copyAndUpdate(b, RunStatus.TRIMMING, 1, message, false,
                        BlockStatus.BAD_SECTOR);
                Flow flow = afterRead(step);
                if (flow != Flow.OK) {
                    return flow;
                }
                errorFound = step.failed() > 0;
            }
            if (pos < end) {
                StatusBlock rest = session.map.blocks().blockContaining(end - 1);
                if (rest != null && session.domain().includes(rest) && rest.status() == BlockStatus.NON_TRIMMED) {
                    session.changeChunkStatus(rest.block(), BlockStatus.NON_SCRAPED);
                }
            }
        }
        session.showStatus(-1, true);
        return Flow.OK;
    }

    private Flow afterRead(RescueSession.Step step) throws InterruptedException {
        if (step.flow() != Flow.OK) {
            return step.flow();
        }
        session.updateRates(false);
        if (step.failed() > 0) {
            session.pauseOnError();
        }
        return session.updateMapfile(false) ? Flow.OK : Flow.MAPFILE_ERROR;
    }
}
