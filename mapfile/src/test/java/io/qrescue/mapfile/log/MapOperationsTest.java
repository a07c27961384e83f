package io.qrescue.mapfile.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ddrescuelog's map operations on small maps whose answers can be read off by hand (qrescue log runs them against
 * the real ddrescuelog on random maps in DdrescuelogDifferentialTest and GNU ddrescue's check.sh).
 */
class MapOperationsTest {

    /** 0..4 finished, 4..8 non-tried, 8..12 bad-sector. */
    private static BlockMap first() {
        return BlockMap.of(List.of(new StatusBlock(0, 4, BlockStatus.FINISHED),
                new StatusBlock(4, 4, BlockStatus.NON_TRIED), new StatusBlock(8, 4, BlockStatus.BAD_SECTOR)));
    }

    /** 0..2 finished, 2..6 non-trimmed, 6..12 finished. */
    private static BlockMap second() {
        return BlockMap.of(List.of(new StatusBlock(0, 2, BlockStatus.FINISHED),
                new StatusBlock(2, 4, BlockStatus.NON_TRIMMED), new StatusBlock(6, 6, BlockStatus.FINISHED)));
    }

    private static String text(BlockMap map) {
        StringBuilder b = new StringBuilder();
        for (StatusBlock sb : map) {
            b.append(sb.pos()).append('+').append(sb.size()).append(sb.status().symbol()).append(' ');
        }
        return b.toString().trim();
    }

    @Test
    void shouldCombineTheFinishedBlocksAsTheLogicOperationsSay() {
        Domain all = Domain.of(0, 12);
        BlockMap and = first();
        LogicOperation.AND.apply(and, second(), all);
        assertThat(text(and)).isEqualTo("0+2+ 2+2- 4+4? 8+4-");

        BlockMap or = first();
        LogicOperation.OR.apply(or, second(), all);
        assertThat(text(or)).isEqualTo("0+4+ 4+2? 6+6+");

        BlockMap xor = first();
        LogicOperation.XOR.apply(xor, second(), all);
        assertThat(text(xor)).isEqualTo("0+2- 2+2+ 4+2? 6+6+");
    }

    @Test
    void shouldLeaveTheBlocksOutsideTheDomainAlone() {
        BlockMap or = first();
        LogicOperation.OR.apply(or, second(), Domain.of(0, 8));
        assertThat(text(or)).isEqualTo("0+4+ 4+2? 6+2+ 8+4-");
    }

    @Test
    void shouldChangeOnlyTheNamedStatusesInsideTheDomain() {
        BlockMap map = first();
        StatusChange.apply(map, Domain.of(2, 8), "+?", "-+");
        assertThat(text(map)).isEqualTo("0+2+ 2+2- 4+4+ 8+4-");
    }

    @Test
    void shouldCompareMapsAndDomains() {
        Domain all = Domain.of(0, 12);
        assertThat(MapComparison.differ(first(), all, first(), all, false)).isFalse();
        assertThat(MapComparison.differ(first(), all, second(), all, false)).isTrue();
        BlockMap sameFinished = BlockMap.of(List.of(new StatusBlock(0, 4, BlockStatus.FINISHED),
                new StatusBlock(4, 8, BlockStatus.BAD_SECTOR)));
        assertThat(MapComparison.differ(first(), all, sameFinished, all, true)).as("-P: finished blocks only").isFalse();
        assertThat(MapComparison.differ(first(), all, sameFinished, all, false)).isTrue();
        assertThat(MapComparison.differ(first(), all, first(), Domain.of(0, 8), false)).as("other domains").isTrue();
    }

    @Test
    void shouldBeDoneOnlyWhenEveryBlockInTheDomainIsFinished() {
        assertThat(MapComparison.isDone(first(), Domain.of(0, 4))).isTrue();
        assertThat(MapComparison.isDone(first(), Domain.of(0, 12))).isFalse();
        assertThat(MapComparison.isDone(first(), Domain.ofBlocks(List.of(new Block(0, 4))))).isTrue();
    }
}
