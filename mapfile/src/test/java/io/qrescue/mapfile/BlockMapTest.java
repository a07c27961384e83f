package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Status changes keep ddrescue's invariants, agree with a byte-by-byte model and count bad areas right. */
class BlockMapTest {

    private static final BlockStatus[] STATUSES = BlockStatus.values();

    @Test
    void shouldAgreeWithAByteModelUnderRandomStatusChanges() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            int size = 1 + random.nextInt(3000);
            BlockStatus[] model = new BlockStatus[size];
            BlockMap map = randomCompactedMap(random, model);
            Domain domain = random.nextInt(3) == 0 ? Domain.everything() : randomDomain(random, size);
            for (int step = 0; step < 200; step++) {
                Block chunk = randomChunkInsideOneBlock(random, map, domain);
                if (chunk == null) {
                    continue;
                }
                BlockStatus status = STATUSES[random.nextInt(STATUSES.length)];
                int badAreasBefore = badAreas(map, domain);
                int delta = map.changeChunkStatus(chunk, status, domain);
                for (long p = chunk.pos(); p < chunk.end(); p++) {
                    model[(int) p] = status;
                }
                assertThat(expand(map, size)).as("seed %d step %d", seed, step).isEqualTo(model);
                assertThat(badAreas(map, domain)).as("bad areas, seed %d step %d", seed, step)
                        .isEqualTo(badAreasBefore + delta);
                if (domain.equals(Domain.everything())) {
                    assertCompacted(map);
                }
            }
        }
    }

    @Test
    void shouldRefuseChunksOutsideTheDomainOrAcrossBlocks() {
        BlockMap map = BlockMap.of(List.of(new StatusBlock(0, 100, BlockStatus.NON_TRIED),
                new StatusBlock(100, 100, BlockStatus.FINISHED)));
        assertThatThrownBy(() -> map.changeChunkStatus(new Block(50, 100), BlockStatus.BAD_SECTOR, Domain.everything()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than 1 block");
        assertThatThrownBy(() -> map.changeChunkStatus(new Block(10, 10), BlockStatus.BAD_SECTOR, Domain.of(50, 10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in rescue domain");
    }

    @Test
    void shouldKeepZeroSizeBlocksAtBothEnds() {
        BlockMap map = BlockMap.of(List.of(new StatusBlock(0, 0, BlockStatus.FINISHED),
                new StatusBlock(0, Long.MAX_VALUE, BlockStatus.NON_TRIED),
                new StatusBlock(Long.MAX_VALUE, 0, BlockStatus.BAD_SECTOR)));
        assertThat(map.blockCount()).isEqualTo(3);
        assertThat(map.extent()).isEqualTo(new Block(0, Long.MAX_VALUE));
        map.changeChunkStatus(new Block(0, 10), BlockStatus.FINISHED, Domain.everything());
        assertThat(map.toList()).containsExactly(new StatusBlock(0, 10, BlockStatus.FINISHED),
                new StatusBlock(10, Long.MAX_VALUE - 10, BlockStatus.NON_TRIED),
                new StatusBlock(Long.MAX_VALUE, 0, BlockStatus.BAD_SECTOR));
    }

    @Test
    void shouldJoinSubsectorsTowardsTheLessProcessedSide() {
        // a '?' piece of 100 bytes before a '-' block: the straddled sector goes to the '?' side
        BlockMap map = BlockMap.of(List.of(new StatusBlock(0, 612, BlockStatus.NON_TRIED),
                new StatusBlock(612, 1000, BlockStatus.BAD_SECTOR)));
        map.joinSubsectors(512);
        assertThat(map.toList()).containsExactly(new StatusBlock(0, 1024, BlockStatus.NON_TRIED),
                new StatusBlock(1024, 588, BlockStatus.BAD_SECTOR));
    }

    @Test
    void shouldShiftLikeDdrescuelogIncludingTheGapQuirk() {
        List<StatusBlock> blocks = List.of(new StatusBlock(0x1000, 0x1000, BlockStatus.FINISHED));
        assertThat(BlockMap.shifted(blocks, 0x800, BlockStatus.NON_TRIED)).containsExactly(
                new StatusBlock(0, 0x800, BlockStatus.NON_TRIED), new StatusBlock(0x1800, 0x1000, BlockStatus.FINISHED));
    }

    private static BlockMap randomCompactedMap(Random random, BlockStatus[] model) {
        List<StatusBlock> blocks = new ArrayList<>();
        int pos = 0;
        BlockStatus previous = null;
        while (pos < model.length) {
            int len = Math.min(model.length - pos, 1 + random.nextInt(200));
            BlockStatus status;
            do {
                status = STATUSES[random.nextInt(STATUSES.length)];
            } while (status == previous);
            blocks.add(new StatusBlock(pos, len, status));
            for (int i = pos; i < pos + len; i++) {
                model[i] = status;
            }
            pos += len;
            previous = status;
        }
        return BlockMap.of(blocks);
    }

    private static Domain randomDomain(Random random, int size) {
        List<Block> blocks = new ArrayList<>();
        long pos = random.nextInt(50);
        while (pos < size) {
            long len = 1 + random.nextInt(size / 2 + 1);
            blocks.add(new Block(pos, len));
            pos += len + 1 + random.nextInt(100);
        }
        return Domain.ofBlocks(blocks);
    }

    /** A random chunk that lies in one block of the map and in one block of the domain, or null. */
    private static Block randomChunkInsideOneBlock(Random random, BlockMap map, Domain domain) {
        long size = map.extent().end();
        long p = random.nextInt((int) size);
        StatusBlock block = map.blockContaining(p);
        Block limit = block.block();
        Block inDomain = null;
        for (Block db : domain.blocks()) {
            if (db.includes(p)) {
                inDomain = db.crop(limit);
            }
        }
        if (inDomain == null || !domain.includes(block)) {
            return null;
        }
        long maxLen = inDomain.end() - p;
        return new Block(p, 1 + (long) random.nextInt((int) Math.min(maxLen, 300)));
    }

    private static BlockStatus[] expand(BlockMap map, int size) {
        BlockStatus[] bytes = new BlockStatus[size];
        long expected = 0;
        for (StatusBlock sb : map) {
            assertThat(sb.pos()).as("contiguous").isEqualTo(expected);
            for (long p = sb.pos(); p < sb.end(); p++) {
                bytes[(int) p] = sb.status();
            }
            expected = sb.end();
        }
        assertThat(expected).isEqualTo(size);
        return bytes;
    }

    /** Runs of bad-sector blocks inside the domain; blocks outside the domain separate runs. */
    private static int badAreas(BlockMap map, Domain domain) {
        int areas = 0;
        boolean inRun = false;
        for (StatusBlock sb : map) {
            boolean bad = sb.status() == BlockStatus.BAD_SECTOR && domain.includes(sb);
            if (bad && !inRun) {
                areas++;
            }
            inRun = bad;
        }
        return areas;
    }

    private static void assertCompacted(BlockMap map) {
        StatusBlock previous = null;
        for (StatusBlock sb : map) {
            if (previous != null) {
                assertThat(sb.status()).as("neighbours merged at 0x%X", sb.pos()).isNotEqualTo(previous.status());
            }
            previous = sb;
        }
    }
}
