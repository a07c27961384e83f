package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.RunStatus;

/**
 * Retries every bad sector once per pass, up to -r passes, alternating direction unless -u (spec 2.7; ddrescue:
 * copy_errors, fcopy_errors, rcopy_errors). A run resumed in an even pass starts in the reversed direction at the
 * saved position (spec 1.9).
 */
final class RetryingPhase {

    private final RescueSession session;
    private final RescueOptions options;

    RetryingPhase(RescueSession session) {
        this.session = session;
        this.options = session.options;
    }

    Flow run() throws InterruptedException {
        boolean resume = session.map.runStatus() == RunStatus.RETRYING;
        int firstPass = !resume || options.unidirectional() || (session.map.currentPass() & 1) == 1 ? 1 : 2;
        boolean forward = !options.reverse();
        if (!options.unidirectional() && firstPass == 2) {
            forward = !forward;
        }
        int maxRetries = options.maxRetries();
        for (int pass = firstPass; maxRetries < 0 || pass - firstPass + 1 <= maxRetries; pass++) {
            session.startPass();
            String message = "Retrying bad sectors... Retry " + (pass - firstPass + 1)
                    + (forward ? " (forwards)" : " (backwards)");
            Flow flow = runPass(message, pass, resume, forward);
            if (flow != Flow.NEXT_PASS) {
                return flow;
            }
            resume = false;
            if (!options.unidirectional()) {
                forward = !forward;
            }
            if (pass >= Integer.MAX_VALUE / 2) {
                break;
            }
        }
        return Flow.OK;
    }

    private Flow runPass(String message, int pass, boolean resume, boolean forward) throws InterruptedException {
        int sector = session.sectorSize;
        boolean blockFound = false;
        long cursor = forward ? 0 : Block.MAX_END; // forwards: next start; backwards: next end
        long resumePos = session.map.currentPos();
        if (resume && session.domain().includes(forward ? resumePos : resumePos - 1)) {
            Block at = forward ? find(new Block(resumePos, 1), true) : find(new Block(resumePos - 1, 1), false);
            if (at.size() > 0) {
                cursor = forward ? at.pos() : at.end();
            }
        }
        while (forward || cursor > 0) {
            Block b = forward ? find(new Block(cursor, sector), true) : find(new Block(cursor - sector, sector), false);
            if (b.size() <= 0) {
                break;
            }
            cursor = forward ? b.end() : b.pos();
            blockFound = true;
            RescueSession.Step step = session.copyAndUpdate(b, RunStatus.RETRYING, pass, message, forward,
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
        if (!blockFound) {
            return Flow.OK;
        }
        session.showStatus(-1, true);
        return Flow.NEXT_PASS;
    }

    private Block find(Block request, boolean forward) {
        ChunkFinder.Search search = forward
                ? ChunkFinder.forward(session.map.blocks(), request, BlockStatus.BAD_SECTOR, session.domain(),
                        session.sectorSize, false)
                : ChunkFinder.backward(session.map.blocks(), request, BlockStatus.BAD_SECTOR, session.domain(),
                        session.sectorSize, false);
        return search.chunk();
    }
}
