package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.CopyPasses;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;
import java.util.ArrayList;
import java.util.List;

/** Turns a checked ddrescue command line into the engine's options; pure, no file access. */
final class RescueOptionsMapping {

    private RescueOptionsMapping() {
    }

    /**
     * The engine's options for {@code a}.
     *
     * @param domainMap the {@code -m} domain as read by the argument layer, or null without {@code -m}
     */
    static RescueOptions of(DdrescueArguments a, Domain domainMap) {
        RescueOptions.Builder b = RescueOptions.builder()
                .sectorSize(a.sectorSize())
                .clusterSectors(a.clusterSectors())
                .inputPosition(a.inputPosition())
                .outputPosition(a.outputPosition())
                .maxSize(a.maxSize())
                .completeOnly(a.completeOnly())
                .verifyInputSize(a.verifyInputSize())
                .tryAgain(a.tryAgain())
                .retrim(a.retrim())
                .noTrim(a.noTrim())
                .noScrape(a.noScrape())
                .reverse(a.reverse())
                .unidirectional(a.unidirectional())
                .copyPasses(copyPasses(a))
                .maxRetries(a.retryPasses())
                .skipSize(a.skipSizes().initialBytes())
                .maxSkipSize(a.skipSizes().maxBytes())
                .maxBadAreas(a.maxBadAreas().orElse(Long.MAX_VALUE), a.newBadAreasOnly())
                .maxReadErrors(a.maxReadErrors().orElse(Long.MAX_VALUE))
                .maxErrorRate(a.maxErrorRate().orElse(-1))
                .minReadRate(a.minReadRate().orElse(-1))
                .maxReadRate(a.maxReadRate().orElse(0))
                .timeoutSeconds(a.timeoutSeconds().isPresent() ? a.timeoutSeconds().getAsInt() : -1)
                .delaySlowSeconds(a.delaySlowSeconds())
                .maxSlowReads(a.maxSlowReads().orElse(Long.MAX_VALUE))
                .resetSlow(a.resetSlow())
                .pauseOnError(a.pauseOnError().toNanos(), a.simulatedPauseOnError())
                .pauseOnPassSeconds(a.pauseOnPassSeconds())
                .reopenOnError(a.reopenOnError())
                .verifyOnError(a.verifyOnError())
                .sparse(a.sparse())
                .minOutfileSize(a.extendOutfileTo().orElse(-1))
                .truncateOutput(a.truncate())
                .compareBeforeWrite(a.compareBeforeWrite())
                .synchronousWrites(a.synchronousWrites())
                .ignoreWriteErrors(a.ignoreWriteErrors())
                .mapfileIntervals(a.mapfileIntervals().saveSeconds(), a.mapfileIntervals().syncSeconds());
        if (domainMap != null) {
            b.domainMap(asFinishedBlocks(domainMap));
        }
        return b.build();
    }

    private static CopyPasses copyPasses(DdrescueArguments a) {
        int bits = 0;
        for (int pass : a.copyPasses()) {
            bits |= 1 << (pass - 1);
        }
        return new CopyPasses(bits);
    }

    /** A map whose finished blocks are the domain's blocks, so the engine rebuilds the same domain from it. */
    static BlockMap asFinishedBlocks(Domain domain) {
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (Block b : domain.blocks()) {
            if (b.size() == 0) {
                continue;
            }
            if (b.pos() > pos) {
                blocks.add(new StatusBlock(pos, b.pos() - pos, BlockStatus.NON_TRIED));
            }
            blocks.add(new StatusBlock(b, BlockStatus.FINISHED));
            pos = b.end();
        }
        return BlockMap.of(blocks);
    }
}
