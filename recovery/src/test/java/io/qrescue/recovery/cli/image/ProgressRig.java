package io.qrescue.recovery.cli.image;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.device.MemoryDevice;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.Rescuer;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Runs real rescues for the progress tests, as imager's test rig does: a {@link FaultModelDevice} over a source,
 * an in-memory output, a {@link VirtualClock} (only slow and hanging reads make time pass) and no mapfile on disk.
 */
final class ProgressRig {

    final VirtualClock clock = new VirtualClock();
    final MemoryOutputImage output = new MemoryOutputImage();

    /** Runs one rescue of {@code source} failing as {@code faults} says. */
    RescueResult run(BlockDevice source, FaultModel faults, RescueOptions options, RescueListener listener) {
        return Rescuer.builder()
                .options(options)
                .input(new FaultModelDevice(source, faults, clock))
                .output(output)
                .mapfile(null, new io.qrescue.imager.rescue.MapfileTarget(java.nio.file.Path.of("progress.map"),
                        new io.qrescue.mapfile.MapfileHeader("test", "test", "2026-01-01 00:00:00", null),
                        (mapfile, content, rotate) -> { }, io.qrescue.mapfile.MapfileSaveFailure.Handler.ABORT,
                        java.nio.file.Path.of("")))
                .listener(listener)
                .timeSource(clock)
                .build()
                .run();
    }

    /** A preview source reading what the rescue wrote, as the CLI does. */
    PreviewSource previewFromOutput(RescueOptions options) {
        return (pos, dst) -> output.read(pos + options.outputOffset(), ByteBuffer.wrap(dst));
    }

    /** {@code size} seeded random bytes in 512-byte sectors. */
    static MemoryDevice randomSource(int size, long seed) {
        return new MemoryDevice(randomBytes(size, seed), 512);
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** The test map of the shared 64 MiB ddrescue vectors (8 bad areas), stored as a test resource. */
    static FaultModel mainTestMap() {
        try (InputStream in = ProgressRig.class.getResourceAsStream("/progress/testmap_main.map")) {
            return FaultModel.ofTestMap(MapfileReader.read(in, "testmap_main.map", null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MapfileException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes of the final map with {@code status}. */
    static long bytes(Mapfile map, BlockStatus status) {
        long sum = 0;
        for (StatusBlock sb : map.blocks()) {
            if (sb.status() == status) {
                sum += sb.block().size();
            }
        }
        return sum;
    }

    /** Runs of bad-sector blocks in the final map (ddrescue's "bad areas"). */
    static long badAreas(Mapfile map) {
        long areas = 0;
        BlockStatus previous = null;
        for (StatusBlock sb : map.blocks()) {
            if (sb.status() == BlockStatus.BAD_SECTOR && previous != BlockStatus.BAD_SECTOR) {
                areas++;
            }
            previous = sb.status();
        }
        return areas;
    }

    /**
     * The 64 MiB source of the golden screens: a repeating 64 KiB printable pattern, byte i being
     * 32 + (7i + i/256) mod 95 (capture.sh makes the same file for ddrescue).
     */
    static final class PatternSource implements BlockDevice {
        static final long SIZE = 64L << 20;

        static byte byteAt(long pos) {
            int i = (int) (pos & 0xFFFF);
            return (byte) (32 + (7 * i + i / 256) % 95);
        }

        @Override
        public long size() {
            return SIZE;
        }

        @Override
        public int sectorSize() {
            return 512;
        }

        @Override
        public ReadOutcome read(long pos, ByteBuffer dst) {
            int n = (int) Math.max(0, Math.min(dst.remaining(), SIZE - pos));
            for (int i = 0; i < n; i++) {
                dst.put(byteAt(pos + i));
            }
            return ReadOutcome.copied(n, 0);
        }

        @Override
        public void close() {
        }
    }
}
