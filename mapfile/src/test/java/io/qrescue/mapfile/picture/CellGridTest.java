package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.log.StatusTotals;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Random;

import static io.qrescue.mapfile.BlockStatus.BAD_SECTOR;
import static io.qrescue.mapfile.BlockStatus.FINISHED;
import static io.qrescue.mapfile.BlockStatus.NON_TRIED;
import static io.qrescue.mapfile.BlockStatus.NON_TRIMMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CellGridTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234, 99999})
    void shouldKeepEveryByteOfTheMapInTheCells(long seed) {
        Random rnd = new Random(seed);
        BlockMap map = TestMaps.random(rnd, 1 + rnd.nextInt(300), 1 + rnd.nextInt(1 << 20), rnd.nextInt(3) * 777L);
        Domain domain = rnd.nextBoolean() ? null : TestMaps.randomDomain(rnd, 1 + rnd.nextInt(8), map.extent().end());
        int sector = 1 + rnd.nextInt(1024);
        CellGrid grid = CellGrid.of(map, 1 + rnd.nextInt(40), 1 + rnd.nextInt(30), sector, domain);

        StatusTotals totals = StatusTotals.of(map, domain);
        long outside = 0;
        for (int cell = 0; cell < grid.cellCount(); cell++) {
            outside += grid.outsideDomainBytes(cell);
        }
        for (BlockStatus status : BlockStatus.values()) {
            long sum = 0;
            for (int cell = 0; cell < grid.cellCount(); cell++) {
                sum += grid.bytes(cell, status);
            }
            assertThat(sum).as("%s bytes over all cells", status).isEqualTo(totals.bytes(status));
        }
        long mapBytes = map.extent().size();
        assertThat(totals.size() + outside).isEqualTo(mapBytes);
        // the smallest whole number of sectors, or whole fraction of a sector, that reaches the end of the map
        long cellBytes = grid.cellBytes();
        long end = map.extent().end();
        assertThat(cellBytes * grid.cellCount()).isGreaterThanOrEqualTo(end);
        if (cellBytes % sector == 0 && cellBytes > sector) {
            assertThat((cellBytes - sector) * grid.cellCount()).isLessThan(end);
        } else {
            assertThat(sector % cellBytes).isZero();
            for (long smaller = 1; smaller < cellBytes; smaller++) {
                if (sector % smaller == 0) {
                    assertThat(smaller * grid.cellCount()).isLessThan(end);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9, 10})
    void shouldMatchABlockByBlockCountInEveryCell(long seed) {
        Random rnd = new Random(seed);
        BlockMap map = TestMaps.random(rnd, 1 + rnd.nextInt(60), 1 + rnd.nextInt(5000), rnd.nextInt(2) * 300L);
        Domain domain = rnd.nextBoolean() ? null : TestMaps.randomDomain(rnd, 1 + rnd.nextInt(6), map.extent().end());
        int sector = 1 + rnd.nextInt(600);
        CellGrid grid = CellGrid.of(map, 1 + rnd.nextInt(12), 1 + rnd.nextInt(9), sector, domain);

        assertThat(grid.cellBytes() % sector).isZero();
        for (int cell = 0; cell < grid.cellCount(); cell++) {
            long from = grid.cellStart(cell);
            long to = from + grid.cellBytes();
            int mask = 0;
            for (BlockStatus status : BlockStatus.values()) {
                long expected = TestMaps.naiveBytes(map, domain, from, to, status);
                assertThat(grid.bytes(cell, status)).as("cell %d %s", cell, status).isEqualTo(expected);
                mask |= expected > 0 ? 1 << status.ordinal() : 0;
            }
            long inMap = map.extent().crop(Block.between(from, to)).size();
            long inside = 0;
            for (BlockStatus status : BlockStatus.values()) {
                inside += grid.bytes(cell, status);
            }
            assertThat(grid.outsideDomainBytes(cell)).isEqualTo(inMap - inside);
            mask |= grid.outsideDomainBytes(cell) > 0 ? 1 << Palette.OUTSIDE_SLOT : 0;
            assertThat(grid.rgb(cell)).isEqualTo(Palette.blend(mask));
        }
    }

    @Test
    void shouldGiveACellInsideOneBlockThatStatusColour() {
        // cells of 4096 bytes: [0, 40960) finished, then non-trimmed up to 81920, then bad
        BlockMap map = TestMaps.of(40960, FINISHED, 40960, NON_TRIMMED, 20480, BAD_SECTOR);
        CellGrid grid = CellGrid.of(map, 5, 5, 512, null);

        assertThat(grid.cellBytes()).isEqualTo(4096);
        for (int cell = 0; cell < 25; cell++) {
            BlockStatus expected = cell < 10 ? FINISHED : cell < 20 ? NON_TRIMMED : BAD_SECTOR;
            assertThat(grid.rgb(cell)).as("cell %d", cell).isEqualTo(Palette.rgb(expected));
            assertThat(grid.bytes(cell, expected)).isEqualTo(4096);
        }
    }

    @Test
    void shouldShowOneBadSectorInAHugeFinishedCellAlmostFullyRed() {
        // 100 cells of 10 GB each; one 512-byte bad sector in the middle of cell 42
        long cell = 10_000_000_000L;
        long bad = 42 * cell + cell / 2;
        BlockMap map = TestMaps.of(bad, FINISHED, 512, BAD_SECTOR, 100 * cell - bad - 512, FINISHED);
        CellGrid grid = CellGrid.of(map, 10, 10, 512, null);

        assertThat(grid.cellBytes()).isEqualTo(cell);
        assertThat(grid.rgb(42)).isEqualTo(0xF10D01); // (5 * green + 80 * red) / 85, not 99.999995 % green
        assertThat(grid.rgb(41)).isEqualTo(Palette.rgb(FINISHED));
        assertThat(grid.bytes(42, BAD_SECTOR)).isEqualTo(512);
    }

    @Test
    void shouldRoundCellsToSectorsAndLeaveUnusedCellsUndefined() {
        // 1,000,000 bytes over 100 cells: 10,000 per cell, rounded up to 10,240 (20 sectors)
        BlockMap map = TestMaps.of(1_000_000, NON_TRIED);
        CellGrid grid = CellGrid.of(map, 10, 10, 512, null);

        assertThat(grid.cellBytes()).isEqualTo(10_240);
        assertThat(grid.rgb(97)).isEqualTo(Palette.rgb(NON_TRIED)); // holds the end, 1,000,000 - 993,280 bytes
        assertThat(grid.bytes(97, NON_TRIED)).isEqualTo(1_000_000 - 97 * 10_240);
        assertThat(grid.rgb(98)).isEqualTo(Palette.UNDEFINED);
        assertThat(grid.rgb(99)).isEqualTo(Palette.UNDEFINED);
        assertThat(grid.cellAt(999_999)).isEqualTo(97);
        assertThat(grid.cellAt(102_400 * 10)).isEqualTo(-1);
    }

    @Test
    void shouldSplitSectorsWhenTheMapIsSmallerThanTheGrid() {
        // 262144 bytes over 2160 cells: 122 bytes a cell, so 128 (a quarter sector), not a whole 512
        BlockMap map = TestMaps.of(262144, FINISHED);
        CellGrid grid = CellGrid.of(map, 60, 36, 512, null);

        assertThat(grid.cellBytes()).isEqualTo(128);
        assertThat(grid.rgb(2047)).isEqualTo(Palette.rgb(FINISHED));
        assertThat(grid.rgb(2048)).isEqualTo(Palette.UNDEFINED);
        assertThat(CellGrid.cellBytesFor(1000, 10, 2352)).isEqualTo(112); // smallest divisor of 2352 >= 100
        assertThat(CellGrid.cellBytesFor(0, 10, 512)).isEqualTo(1);
    }

    @Test
    void shouldLeaveBytesBeforeTheFirstBlockUndefined() {
        BlockMap map = BlockMap.of(List.of(new io.qrescue.mapfile.StatusBlock(8192, 8192, FINISHED)));
        CellGrid grid = CellGrid.of(map, 4, 1, 512, null);

        assertThat(grid.cellBytes()).isEqualTo(4096);
        assertThat(grid.rgb(0)).isEqualTo(Palette.UNDEFINED);
        assertThat(grid.rgb(1)).isEqualTo(Palette.UNDEFINED);
        assertThat(grid.rgb(2)).isEqualTo(Palette.rgb(FINISHED));
    }

    @Test
    void shouldBlendOutsideDomainIntoCellsThatCrossIt() {
        BlockMap map = TestMaps.of(4096 * 4, FINISHED);
        Domain domain = Domain.of(4096, 4096 + 2048); // cell 1 inside, cell 2 half, cells 0 and 3 outside
        CellGrid grid = CellGrid.of(map, 4, 1, 512, domain);

        assertThat(grid.rgb(0)).isEqualTo(Palette.OUTSIDE_DOMAIN);
        assertThat(grid.rgb(1)).isEqualTo(Palette.rgb(FINISHED));
        assertThat(grid.rgb(2)).isEqualTo(0x23C323); // (5 * finished + 1 * outside) / 6
        assertThat(grid.rgb(3)).isEqualTo(Palette.OUTSIDE_DOMAIN);
        assertThat(grid.outsideDomainBytes(2)).isEqualTo(2048);
        assertThat(grid.bytes(2, FINISHED)).isEqualTo(2048);
    }

    @Test
    void shouldFindTheCellsADomainTouches() {
        BlockMap map = TestMaps.of(100 * 1024, FINISHED);
        CellGrid grid = CellGrid.of(map, 10, 10, 512, null);
        Domain domain = Domain.ofBlocks(List.of(new Block(1024 * 5 + 1, 1), new Block(1024 * 20 - 1, 1025),
                new Block(1024 * 99, 10_000)));

        BitSet cells = grid.cellsOverlapping(domain);

        assertThat(cells.stream().toArray()).containsExactly(5, 19, 20, 99);
    }

    @Test
    void shouldCoverAMapReachingTheEndOfThePositionSpace() {
        BlockMap map = BlockMap.filled(NON_TRIED); // [0, Long.MAX_VALUE)
        CellGrid grid = CellGrid.of(map, 7, 3, 512, null);

        long sum = 0;
        for (int cell = 0; cell < grid.cellCount(); cell++) {
            sum += grid.bytes(cell, NON_TRIED);
            assertThat(grid.rgb(cell)).isEqualTo(Palette.rgb(NON_TRIED));
        }
        assertThat(sum).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldColourAnEmptyMapUndefined() {
        CellGrid grid = CellGrid.of(new BlockMap(), 3, 2, 512, null);

        assertThat(grid.rgb(0)).isEqualTo(Palette.UNDEFINED);
        assertThat(grid.rgb(5)).isEqualTo(Palette.UNDEFINED);
    }

    @Test
    void shouldRefuseGridsTooLargeOrEmpty() {
        BlockMap map = TestMaps.of(4096, FINISHED);
        assertThatThrownBy(() -> CellGrid.of(map, 2048, 1024, 512, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> CellGrid.of(map, 0, 10, 512, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
