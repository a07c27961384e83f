package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkFinderTest {

    private static final BlockStatus NT = BlockStatus.NON_TRIED;

    private static BlockMap map(StatusBlock... blocks) {
        return BlockMap.of(List.of(blocks));
    }

    @Test
    void shouldAlignTheEndOfAForwardChunkThatStartsUnaligned() {
        BlockMap m = map(new StatusBlock(0, 0x30000, NT));
        var search = ChunkFinder.forward(m, new Block(0x1200, 0x10000), NT, Domain.everything(), 0x10000, false);
        assertThat(search.chunk()).isEqualTo(Block.between(0x1200, 0x10000));
        assertThat(search.blockFound()).isTrue();
    }

    @Test
    void shouldAlignTheStartOfABackwardChunkThatEndsUnaligned() {
        BlockMap m = map(new StatusBlock(0, 0x30000, NT));
        var search = ChunkFinder.backward(m, new Block(0x1FE00, 0x10000), NT, Domain.everything(), 0x10000, false);
        assertThat(search.chunk()).isEqualTo(Block.between(0x20000, 0x2FE00));
    }

    @Test
    void shouldCropToTheBlockWithoutAligningAtItsEdge() {
        BlockMap m = map(new StatusBlock(0, 0x1100, BlockStatus.FINISHED), new StatusBlock(0x1100, 0x1500, NT),
                new StatusBlock(0x2600, 0x1000, BlockStatus.FINISHED));
        var search = ChunkFinder.forward(m, new Block(0, 0x10000), NT, Domain.everything(), 0x10000, false);
        assertThat(search.chunk()).isEqualTo(Block.between(0x1100, 0x2600));
        var back = ChunkFinder.backward(m, new Block(0x3600 - 0x10000, 0x10000), NT, Domain.everything(), 0x10000,
                false);
        assertThat(back.chunk()).isEqualTo(Block.between(0x1100, 0x2600));
    }

    @Test
    void shouldOnlyTakeBlocksNextToFinishedOnesInPasses3And4() {
        BlockMap m = map(new StatusBlock(0, 0x1000, BlockStatus.NON_TRIMMED), new StatusBlock(0x1000, 0x1000, NT),
                new StatusBlock(0x2000, 0x1000, BlockStatus.FINISHED), new StatusBlock(0x3000, 0x1000, NT),
                new StatusBlock(0x4000, 0x1000, BlockStatus.BAD_SECTOR));
        var forward = ChunkFinder.forward(m, new Block(0, 0x10000), NT, Domain.everything(), 0x10000, true);
        assertThat(forward.chunk()).isEqualTo(Block.between(0x3000, 0x4000));
        var backward = ChunkFinder.backward(m, new Block(0, 0x5000), NT, Domain.everything(), 0x10000, true);
        assertThat(backward.chunk()).isEqualTo(Block.between(0x1000, 0x2000));
        var none = ChunkFinder.forward(m, new Block(0x4000, 0x10000), NT, Domain.everything(), 0x10000, true);
        assertThat(none.hasChunk()).isFalse();
        assertThat(none.blockFound()).isFalse();
    }

    @Test
    void shouldReportABlockFoundEvenIfNoneQualifiesInPass3() {
        BlockMap m = map(new StatusBlock(0, 0x1000, BlockStatus.NON_TRIMMED), new StatusBlock(0x1000, 0x1000, NT),
                new StatusBlock(0x2000, 0x1000, BlockStatus.BAD_SECTOR));
        var search = ChunkFinder.forward(m, new Block(0, 0x10000), NT, Domain.everything(), 0x10000, true);
        assertThat(search.hasChunk()).isFalse();
        assertThat(search.blockFound()).isTrue(); // the pass goes on to pass 4 (spec 2.4)
    }

    @Test
    void shouldIgnoreBlocksNotEntirelyInTheDomain() {
        BlockMap m = map(new StatusBlock(0, 0x2000, NT), new StatusBlock(0x2000, 0x2000, NT));
        Domain domain = Domain.of(0x2000, 0x2000);
        var search = ChunkFinder.forward(m, new Block(0, 0x10000), NT, domain, 0x10000, false);
        assertThat(search.chunk()).isEqualTo(Block.between(0x2000, 0x4000));
    }
}
