package io.qrescue.recovery.testing;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.source.MappedSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded random volume on a random image, with a random damage map, and its byte model: for every volume
 * byte its expected value ({@link #expected}) and its expected status in the output mapfile ({@link
 * #expectedStatus}), computed byte by byte without any of the code under test.
 */
public final class RandomVolume {

    public final byte[] image;
    public final ExtentMap extents;
    public final BlockMap damageMap;
    public final byte[] expected;
    public final BlockStatus[] expectedStatus;
    /** Image offset of each volume byte, or -1 in a hole. */
    public final long[] physicalOf;

    private RandomVolume(byte[] image, ExtentMap extents, BlockMap damageMap) {
        this.image = image;
        this.extents = extents;
        this.damageMap = damageMap;
        BlockStatus[] imageStatus = imageStatus(image.length, damageMap);
        int size = (int) extents.logicalSize();
        expected = new byte[size];
        expectedStatus = new BlockStatus[size];
        physicalOf = new long[size];
        Arrays.fill(expectedStatus, BlockStatus.FINISHED);
        Arrays.fill(physicalOf, -1);
        for (Extent e : extents.extents()) {
            for (long i = 0; i < e.length(); i++) {
                int logical = (int) (e.logicalStart() + i);
                if (e.isHole()) {
                    continue;
                }
                long physical = e.physicalStart() + i;
                physicalOf[logical] = physical;
                if (physical < image.length) {
                    expected[logical] = image[(int) physical];
                    expectedStatus[logical] = imageStatus[(int) physical];
                } else {
                    expectedStatus[logical] = BlockStatus.NON_TRIED; // past the image's end
                }
            }
        }
    }

    /**
     * A volume of up to {@code maxSizeBytes} bytes on an image of {@code imageBytes} bytes; extents and damage
     * are cut at multiples of {@code grainBytes} (1 for any byte), some extents reach past the image's end
     * when {@code pastEnd}.
     */
    public static RandomVolume generate(long seed, int imageBytes, int maxSizeBytes, int grainBytes, boolean pastEnd) {
        Random rnd = new Random(seed);
        byte[] image = new byte[imageBytes];
        rnd.nextBytes(image);
        // zero runs inside data, so that sparse writing is exercised on mapped bytes too
        for (int z = rnd.nextInt(6); z > 0; z--) {
            int from = rnd.nextInt(imageBytes);
            Arrays.fill(image, from, Math.min(imageBytes, from + rnd.nextInt(3 * 4096 + 1)), (byte) 0);
        }
        int size = grain(1 + rnd.nextInt(maxSizeBytes), grainBytes);
        ExtentMap.Builder b = ExtentMap.builder();
        long at = 0;
        while (at < size) {
            long len = Math.min(size - at, grain(1 + rnd.nextInt(Math.max(1, size / 4)), grainBytes));
            if (rnd.nextInt(3) > 0) {
                long maxStart = pastEnd && rnd.nextInt(8) == 0 ? imageBytes : Math.max(0, imageBytes - len);
                long physical = grain(rnd.nextInt((int) maxStart + 1), grainBytes);
                b.add(new Extent(at, len, physical));
            }
            at += len;
        }
        return new RandomVolume(image, b.build(size), randomDamage(rnd, imageBytes, grainBytes));
    }

    /** Consecutive blocks of random statuses, mostly finished; the map may end before the image. */
    private static BlockMap randomDamage(Random rnd, int imageBytes, int grainBytes) {
        List<StatusBlock> blocks = new ArrayList<>();
        long end = rnd.nextInt(4) == 0 ? grain(rnd.nextInt(imageBytes) + 1, grainBytes) : imageBytes;
        long pos = 0;
        BlockStatus[] statuses = BlockStatus.values();
        while (pos < end) {
            long len = Math.min(end - pos, grain(1 + rnd.nextInt(Math.max(1, imageBytes / 6)), grainBytes));
            BlockStatus s = rnd.nextInt(3) == 0 ? statuses[rnd.nextInt(statuses.length)] : BlockStatus.FINISHED;
            blocks.add(new StatusBlock(pos, len, s));
            pos += len;
        }
        return BlockMap.of(blocks);
    }

    private static int grain(int value, int grainBytes) {
        return Math.max(grainBytes, value / grainBytes * grainBytes);
    }

    private static BlockStatus[] imageStatus(int imageBytes, BlockMap map) {
        BlockStatus[] status = new BlockStatus[imageBytes];
        Arrays.fill(status, BlockStatus.NON_TRIED);
        for (StatusBlock sb : map) {
            for (long p = sb.pos(); p < Math.min(imageBytes, sb.end()); p++) {
                status[(int) p] = sb.status();
            }
        }
        return status;
    }

    /** The volume read over the in-memory image, damage from the random map. */
    public MappedSource reader() {
        return new MappedSource(RescuedImage.of("image", new ByteArraySource(image), Readability.of(damageMap)), extents);
    }

    /** Expected status of each volume byte, from a mapfile's blocks (bytes the map does not cover: null). */
    public static BlockStatus[] statusOf(BlockMap map, int size) {
        BlockStatus[] status = new BlockStatus[size];
        for (StatusBlock sb : map) {
            for (long p = sb.pos(); p < Math.min(size, sb.end()); p++) {
                status[(int) p] = sb.status();
            }
        }
        return status;
    }

    /** True when no volume byte in {@code [from, from + length)} is damaged in the model. */
    public boolean readable(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (expectedStatus[i] != BlockStatus.FINISHED) {
                return false;
            }
        }
        return true;
    }
}
