package io.qrescue.recovery.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.testing.RandomVolume;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeExtractorTest {

    private static final MapfileHeader HEADER = new MapfileHeader("qrescue extract", "test", "2026-11-27 10:00:00", null);

    @TempDir
    Path dir;

    private ExtractionRequest request(Path out, boolean overwrite, int chunkBytes) {
        return new ExtractionRequest(out, ExtractionRequest.defaultMapfile(out), HEADER, overwrite, chunkBytes);
    }

    @Test
    void shouldWriteTheModelBytesAndMarkExactlyTheDamagedBytesOnRandomVolumes() throws Exception {
        int[] chunks = {4096, 8192, 64 << 10};
        for (int seed = 0; seed < 60; seed++) {
            RandomVolume v = RandomVolume.generate(seed, 200_000, 300_000, seed % 3 == 0 ? 512 : 1, seed % 2 == 0);
            Path out = dir.resolve("vol" + seed + ".raw");
            List<Damage> reported = new ArrayList<>();
            ExtractionResult result = new VolumeExtractor().extract(v.reader(), request(out, false, chunks[seed % 3]),
                    new ExtractionListener() {
                        @Override
                        public void damaged(Damage damage) {
                            reported.add(damage);
                        }
                    });

            assertThat(Files.readAllBytes(out)).as("seed %d bytes", seed).isEqualTo(v.expected);
            Mapfile map = MapfileReader.read(ExtractionRequest.defaultMapfile(out), null);
            assertThat(map.blocks().extent().pos()).isZero();
            assertThat(map.blocks().extent().end()).isEqualTo(v.expected.length);
            assertThat(RandomVolume.statusOf(map.blocks(), v.expected.length)).as("seed %d mapfile", seed)
                    .isEqualTo(v.expectedStatus);
            assertThat(reported).isEqualTo(result.damage()).isEqualTo(v.reader().damageIn(0, v.expected.length));
            long damagedInModel = Stream.of(v.expectedStatus).filter(s -> s != BlockStatus.FINISHED).count();
            assertThat(result.damagedBytes()).isEqualTo(damagedInModel);
            assertThat(result.sizeBytes()).isEqualTo(v.expected.length);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains(".tmp-"))).isEmpty();
        }
    }

    @Test
    void readableOnlyLeavesDamagedBytesHolesAndMarksThemTheSame() throws Exception {
        for (int seed = 0; seed < 40; seed++) {
            RandomVolume v = RandomVolume.generate(seed, 200_000, 300_000, seed % 3 == 0 ? 512 : 1, seed % 2 == 0);
            Path out = dir.resolve("vol" + seed + ".raw");
            ExtractionResult result = new VolumeExtractor().extract(v.reader(), new ExtractionRequest(out,
                    ExtractionRequest.defaultMapfile(out), HEADER, false, 4096 << (seed % 3), true),
                    ExtractionListener.NONE);
            byte[] expected = v.expected.clone();
            for (int i = 0; i < expected.length; i++) {
                if (v.expectedStatus[i] != BlockStatus.FINISHED) {
                    expected[i] = 0; // never read: a hole
                }
            }
            assertThat(Files.readAllBytes(out)).as("seed %d bytes", seed).isEqualTo(expected);
            Mapfile map = MapfileReader.read(ExtractionRequest.defaultMapfile(out), null);
            assertThat(RandomVolume.statusOf(map.blocks(), v.expected.length)).as("seed %d mapfile", seed)
                    .isEqualTo(v.expectedStatus);
            assertThat(result.damage()).isEqualTo(v.reader().damageIn(0, v.expected.length));
        }
    }

    @Test
    void readableOnlyStillCopiesBytesOfUnknownProvenanceAndMarksThem() throws Exception {
        byte[] data = new byte[64 * 1024];
        new Random(5).nextBytes(data);
        MappedSource volume = new MappedSource(new ByteArraySource(data), ExtentMap.linear(data.length),
                List.of(Damage.unknown(8192, 4096, "mapping salvaged from an older copy")));
        Path out = dir.resolve("doubted.raw");
        new VolumeExtractor().extract(volume, new ExtractionRequest(out, ExtractionRequest.defaultMapfile(out), HEADER,
                false, 4096, true), ExtractionListener.NONE);
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
        assertThat(MapfileReader.read(ExtractionRequest.defaultMapfile(out), null).blocks().toList())
                .anyMatch(b -> b.pos() == 8192 && b.size() == 4096 && b.status() != BlockStatus.FINISHED);
    }

    @Test
    void shouldLeaveHolesAndZeroRunsUnallocated() throws Exception {
        byte[] image = new byte[8 << 20];
        new Random(1).nextBytes(image);
        java.util.Arrays.fill(image, 4 << 20, 6 << 20, (byte) 0); // mapped, but all zeros
        long size = 256L << 20;
        ExtentMap map = ExtentMap.builder().add(new Extent(16 << 20, 1 << 20, 0))
                .add(new Extent(100L << 20, 2 << 20, 4 << 20)).build(size);
        Path out = dir.resolve("sparse.raw");
        ExtractionResult result = new VolumeExtractor().extract(
                new MappedSource(new ByteArraySource(image), map),
                request(out, false, ExtractionRequest.DEFAULT_CHUNK_BYTES), ExtractionListener.NONE);

        assertThat(Files.size(out)).isEqualTo(size);
        assertThat(result.mappedBytes()).isEqualTo(3 << 20);
        assertThat(result.writtenBytes()).isEqualTo(1 << 20);
        long allocated = allocatedBytes(out);
        assertThat(allocated).as("allocated bytes of a 256 MiB volume with 1 MiB of non-zero data")
                .isLessThan(2L << 20).isGreaterThanOrEqualTo(1 << 20);
        try (var ch = java.nio.channels.FileChannel.open(out)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 20);
            ch.read(b, 16 << 20);
            assertThat(b.array()).isEqualTo(java.util.Arrays.copyOf(image, 1 << 20));
        }
    }

    @Test
    void shouldRefuseToOverwriteUnlessAskedTo() throws Exception {
        RandomVolume v = RandomVolume.generate(5, 10_000, 10_000, 1, false);
        Path out = dir.resolve("o.raw");
        Files.write(out, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> new VolumeExtractor().extract(v.reader(), request(out, false, 4096),
                ExtractionListener.NONE)).isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("o.raw");
        assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3);
        assertThat(ExtractionRequest.defaultMapfile(out)).doesNotExist();

        Files.delete(out);
        Files.write(ExtractionRequest.defaultMapfile(out), new byte[] {4});
        assertThatThrownBy(() -> new VolumeExtractor().extract(v.reader(), request(out, false, 4096),
                ExtractionListener.NONE)).isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("o.raw.map");
        assertThat(out).doesNotExist();

        new VolumeExtractor().extract(v.reader(), request(out, true, 4096), ExtractionListener.NONE);
        assertThat(Files.readAllBytes(out)).isEqualTo(v.expected);
    }

    @Test
    void shouldLeaveNoFileWhenStoppedHalfway() throws Exception {
        RandomVolume v = RandomVolume.generate(9, 400_000, 400_000, 512, false);
        Path out = dir.resolve("stopped.raw");
        ExtractionListener stopAtHalf = new ExtractionListener() {
            @Override
            public void progress(long doneBytes, long sizeBytes) {
                if (doneBytes > sizeBytes / 2) {
                    throw new IllegalStateException("stop");
                }
            }
        };
        assertThatThrownBy(() -> new VolumeExtractor().extract(v.reader(), request(out, false, 4096), stopAtHalf))
                .hasMessage("stop");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldStopOnInterruptAndLeaveNoFile() throws Exception {
        RandomVolume v = RandomVolume.generate(11, 400_000, 400_000, 512, false);
        Path out = dir.resolve("interrupted.raw");
        ExtractionListener interruptAtHalf = new ExtractionListener() {
            @Override
            public void progress(long doneBytes, long sizeBytes) {
                if (doneBytes > sizeBytes / 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            assertThatThrownBy(() -> new VolumeExtractor().extract(v.reader(), request(out, false, 4096),
                    interruptAtHalf)).isInstanceOf(IOException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldMarkDamageWithTheImageStatusAndMergeNeighbours() {
        List<Damage> damage = List.of(Damage.unreadable(10, 5, BlockStatus.BAD_SECTOR, "image"),
                Damage.unreadable(15, 5, BlockStatus.BAD_SECTOR, "image"), Damage.unknown(30, 70, "test doubt"));
        BlockMap blocks = VolumeExtractor.outputMapfile(100, damage).blocks();
        assertThat(blocks.toList()).containsExactly(new StatusBlock(0, 10, BlockStatus.FINISHED),
                new StatusBlock(10, 10, BlockStatus.BAD_SECTOR), new StatusBlock(20, 10, BlockStatus.FINISHED),
                new StatusBlock(30, 70, BlockStatus.NON_TRIED));
    }

    /** Bytes the file system allocated to {@code file} (st_blocks * 512), from stat(1). */
    static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String[] parts = new String(p.getInputStream().readAllBytes()).trim().split(" ");
        assertThat(p.waitFor()).isZero();
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }
}
