package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.RunStatus;

/**
 * Copies the non-tried blocks in up to five passes (spec 2.4; ddrescue: copy_non_tried, fcopy_non_tried,
 * rcopy_non_tried). Passes 1 and 2 skip ahead after errors and slow reads, passes 3 and 4 only read next to
 * finished blocks, pass 5 reads everything left. Directions alternate by pass number unless -u.
 */
final class CopyingPhase {

    private final RescueSession session;
    private final RescueOptions options;

    CopyingPhase(RescueSession session) {
        this.session = session;
        this.options = session.options;
    }

    Flow run() throws InterruptedException {
        boolean resume = options.copyPasses().isAll() && session.map.runStatus() == RunStatus.COPYING;
        if (!resume || session.map.currentPass() > 5) {
            session.map.currentPass(1);
        }
        int firstPass = session.map.currentPass();
        boolean forward = !options.reverse();
        for (int pass = 1; pass <= 5; pass++) {
            if (pass >= firstPass && options.copyPasses().includes(pass)) {
                if (pass != firstPass) {
                    resume = false;
                }
                session.startPass();
                String message = "Copying non-tried blocks... Pass " + pass
                        + (forward ? " (forwards)" : " (backwards)");
                Flow flow = forward ? forwardPass(message, pass, resume) : backwardPass(message, pass, resume);
                if (flow != Flow.NEXT_PASS) {
                    return flow;
                }
            }
            if (pass >= 2) {
                session.rates.disableSlowReads();
            }
            if (!options.unidirectional()) {
                forward = !forward;
            }
        }
        return Flow.OK;
    }

    private Flow forwardPass(String message, int pass, boolean resume) throws InterruptedException {
        long skipInitial = session.skip.initial();
        long skipMax = session.skip.max();
        long pos = 0;
        long errorSkip = skipInitial;
        long slowSkip = 0;
        boolean nextToFinished = pass == 3 || pass == 4;
        boolean blockFound = false;
        boolean blockProcessed = false;

        long resumePos = session.map.currentPos();
        if (resume && session.domain().includes(resumePos)) {
            Block at = find(new Block(resumePos, 1), session.sectorSize, false).chunk();
            if (at.size() > 0) {
                pos = at.pos();
            }
        }
        while (true) {
            ChunkFinder.Search search = find(new Block(pos, session.clusterBytes), session.clusterBytes, nextToFinished);
            blockFound |= search.blockFound();
            Block b = search.chunk();
            if (b.size() <= 0) {
                break;
            }
            blockProcessed = true;
            if (pos != b.pos()) { // another block: skipping starts over
                errorSkip = skipInitial;
                session.rates.clearCurrentSlow();
            }
            pos = b.end();
            RescueSession.Step step = session.copyAndUpdate(b, RunStatus.COPYING, pass, message, true,
                    BlockStatus.NON_TRIMMED, nextToFinished ? null : this::nextForwards);
            if (step.flow() != Flow.OK) {
                return step.flow();
            }
            boolean slow = session.updateRates(false);
            if (slow && !session.countSlowRead()) {
                return Flow.STOP;
            }
            if (step.failed() > 0 || (slow && pass <= 2)) {
                if (options.reopenOnError() && !session.reopenInput()) {
                    return Flow.STOP;
                }
                session.pauseOnError();
                if (skipInitial > 0 && pass <= 4) {
                    long size;
                    if (pass >= 2) {
                        size = -1; // skip the rest of the block
                    } else if (step.failed() > 0) {
                        size = errorSkip;
                        errorSkip = errorSkip <= skipMax / 2 ? errorSkip * 2 : skipMax;
                    } else {
                        slowSkip = nextSlowSkip(slowSkip);
                        size = slowSkip;
                    }
                    Block skipped = find(new Block(pos, size), session.sectorSize, false).chunk();
                    if (pos == skipped.pos() && skipped.size() > 0) {
                        pos = skipped.end();
                    }
                }
            } else if (step.failed() == 0 && step.copied() > 0) {
                errorSkip = skipInitial;
            }
            if (!session.updateMapfile(false)) {
                return Flow.MAPFILE_ERROR;
            }
        }
        return endOfPass(blockFound, blockProcessed);
    }

    private Flow backwardPass(String message, int pass, boolean resume) throws InterruptedException {
        long skipInitial = session.skip.initial();
        long skipMax = session.skip.max();
        long end = Block.MAX_END;
        long errorSkip = skipInitial;
        long slowSkip = 0;
        boolean nextToFinished = pass == 3 || pass == 4;
        boolean blockFound = false;
        boolean blockProcessed = false;

        long resumePos = session.map.currentPos();
        if (resume && session.domain().includes(resumePos - 1)) {
            Block at = rfind(new Block(resumePos - 1, 1), session.sectorSize, false).chunk();
            if (at.size() > 0) {
                end = at.end();
            }
        }
        while (end > 0) {
            ChunkFinder.Search search = rfind(new Block(end - session.clusterBytes, session.clusterBytes),
                    session.clusterBytes, nextToFinished);
            blockFound |= search.blockFound();
            Block b = search.chunk();
            if (b.size() <= 0) {
                break;
            }
            blockProcessed = true;
            if (end != b.end()) {
                errorSkip = skipInitial;
                session.rates.clearCurrentSlow();
            }
            end = b.pos();
            RescueSession.Step step = session.copyAndUpdate(b, RunStatus.COPYING, pass, message, false,
                    BlockStatus.NON_TRIMMED, nextToFinished ? null : this::nextBackwards);
            if (step.flow() != Flow.OK) {
                return step.flow();
            }
            boolean slow = session.updateRates(false);
            if (slow && !session.countSlowRead()) {
                return Flow.STOP;
            }
            if ((step.failed() > 0 || (slow && pass <= 2)) && end > 0) {
                if (options.reopenOnError() && !session.reopenInput()) {
                    return Flow.STOP;
                }
                session.pauseOnError();
                if (skipInitial > 0 && pass <= 4) {
                    Block target;
                    if (pass >= 2) {
                        target = new Block(0, end);
                    } else if (step.failed() > 0) {
                        target = new Block(end - errorSkip, errorSkip);
                        errorSkip = errorSkip <= skipMax / 2 ? errorSkip * 2 : skipMax;
                    } else {
                        slowSkip = nextSlowSkip(slowSkip);
                        target = new Block(end - slowSkip, slowSkip);
                    }
                    Block skipped = rfind(target, session.sectorSize, false).chunk();
                    if (end == skipped.end() && skipped.size() > 0) {
                        end = skipped.pos();
                    }
                }
            } else if (step.failed() == 0 && step.copied() > 0) {
                errorSkip = skipInitial;
            }
            if (!session.updateMapfile(false)) {
                return Flow.MAPFILE_ERROR;
            }
        }
        return endOfPass(blockFound, blockProcessed);
    }

    /**
     * The chunk a forward pass reads after {@code previous} if that read copies everything and is not slow: the
     * search from its end, which does not look at {@code previous}'s own status (passes 3 and 4 do; they get
     * no lookahead).
     */
    private Block nextForwards(Block previous) {
        return find(new Block(previous.end(), session.clusterBytes), session.clusterBytes, false).chunk();
    }

    /** As {@link #nextForwards} for a backward pass: the search back from {@code previous}'s start. */
    private Block nextBackwards(Block previous) {
        if (previous.pos() <= 0) {
            return null;
        }
        return rfind(new Block(previous.pos() - session.clusterBytes, session.clusterBytes), session.clusterBytes,
                false).chunk();
    }

    /** Skip after a slow read in pass 1: the current rate (within limits) at first, doubling while slow. */
    private long nextSlowSkip(long slowSkip) {
        long skipMax = session.skip.max();
        if (!session.rates.previousSlow()) {
            return Math.max(session.skip.initial(), Math.min(session.rates.currentRate(), skipMax));
        }
        return slowSkip <= skipMax / 2 ? slowSkip * 2 : skipMax;
    }

    /** A pass that found no non-tried block ends the copying phase (spec 2.4). */
    private Flow endOfPass(boolean blockFound, boolean blockProcessed) {
        if (!blockFound) {
            return Flow.OK;
        }
        if (blockProcessed) {
            session.showStatus(-1, true);
        }
        return Flow.NEXT_PASS;
    }

    private ChunkFinder.Search find(Block request, int alignment, boolean afterFinished) {
        return ChunkFinder.forward(session.map.blocks(), request, BlockStatus.NON_TRIED, session.domain(), alignment,
                afterFinished);
    }

    private ChunkFinder.Search rfind(Block request, int alignment, boolean beforeFinished) {
        return ChunkFinder.backward(session.map.blocks(), request, BlockStatus.NON_TRIED, session.domain(), alignment,
                beforeFinished);
    }
}
