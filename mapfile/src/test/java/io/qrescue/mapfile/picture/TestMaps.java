package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random maps and domains, hand-made maps, and the shared ddrescue vectors. */
final class TestMaps {

    static final BlockStatus[] STATUSES = BlockStatus.values();

    private TestMaps() {
    }

    /** {@code count} consecutive blocks of random status and size 1 to {@code maxSize}, from {@code start}. */
    static BlockMap random(Random rnd, int count, long maxSize, long start) {
        List<StatusBlock> blocks = new ArrayList<>(count);
        long pos = start;
        for (int i = 0; i < count; i++) {
            long size = 1 + (long) (rnd.nextDouble() * maxSize);
            blocks.add(new StatusBlock(pos, size, STATUSES[rnd.nextInt(STATUSES.length)]));
            pos += size;
        }
        return BlockMap.of(blocks);
    }

    /** Up to {@code count} ordered, non-overlapping, non-empty blocks inside {@code [0, end)}. */
    static Domain randomDomain(Random rnd, int count, long end) {
        long[] cuts = new long[2 * count];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (long) (rnd.nextDouble() * end);
        }
        java.util.Arrays.sort(cuts);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < cuts.length; i += 2) {
            if (cuts[i + 1] > cuts[i] && (blocks.isEmpty() || blocks.get(blocks.size() - 1).end() < cuts[i])) {
                blocks.add(Block.between(cuts[i], cuts[i + 1]));
            }
        }
        return Domain.ofBlocks(blocks);
    }

    /** A map from (size, status) pairs laid end to end from 0. */
    static BlockMap of(Object... sizeStatusPairs) {
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (int i = 0; i < sizeStatusPairs.length; i += 2) {
            long size = ((Number) sizeStatusPairs[i]).longValue();
            blocks.add(new StatusBlock(pos, size, (BlockStatus) sizeStatusPairs[i + 1]));
            pos += size;
        }
        return BlockMap.of(blocks);
    }

    /** Bytes of {@code status} in {@code [from, to)} inside {@code domain} (null: everywhere), block by block. */
    static long naiveBytes(BlockMap map, Domain domain, long from, long to, BlockStatus status) {
        long sum = 0;
        for (StatusBlock sb : map) {
            if (sb.status() != status) {
                continue;
            }
            Block piece = sb.block().crop(Block.between(from, to));
            if (domain == null) {
                sum += piece.size();
            } else {
                for (Block db : domain.blocks()) {
                    sum += piece.crop(db).size();
                }
            }
        }
        return sum;
    }

    /** The shared reference folder: system property qrescue.shared, else /work/shared. */
    static Path shared(String relative) {
        return Path.of(System.getProperty("qrescue.shared", "/work/shared")).resolve(relative);
    }

    static Mapfile readShared(String relative) throws MapfileException {
        return MapfileReader.read(shared(relative), null);
    }
}
