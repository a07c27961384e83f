package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;

/**
 * Reads every non-scraped block forwards, one sector at a time (spec 2.6; ddrescue: scrape_errors). With -R only
 * the block order is reversed; inside a block reads still ascend.
 */
final class ScrapingPhase {

    private final RescueSession session;

    ScrapingPhase(RescueSession session) {
        this.session = session;
    }

    Flow run() throws InterruptedException {
        boolean reverse = session.options.reverse();
        String message = "Scraping failed blocks... " + (reverse ? "(backwards)" : "(forwards)");
        int sector = session.sectorSize;
        session.startPass();
        BlockWalk walk = new BlockWalk(session.map.blocks(), reverse);
        StatusBlock sb;
        while ((sb = walk.next(BlockStatus.NON_SCRAPED, session.domain())) != null) {
            long pos = sb.pos();
            long end = sb.end();
            while (pos < end) {
                Block b = new Block(pos, Math.min(sector, end - pos));
                if (b.end() != end) {
                    b = b.alignEnd(sector);
                }
                pos = b.end();
                RescueSession.Step step = session.copyAndUpdate(b, RunStatus.SCRAPING, 1, message, true,
                        BlockStatus.BAD_SECTOR);
                if (step.flow() != Flow.OK) {
                    return step.flow();
                }
                session.updateRates(false);
                if (step.failed() > 0) {
                    session.pauseOnError();
                }
                if (!session.updateMapfile(false)) {
                    return Flow.MAPFILE_ERROR;
                }
            }
        }
        session.showStatus(-1, true);
        return Flow.OK;
    }
}
