package io.qrescue.recovery.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.testing.RandomVolume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-ahead extractor against models that share none of its code: every output byte against the volume
 * read one byte at a time through {@link MappedSource} and against the byte model of {@link RandomVolume};
 * the output mapfile against the model's per-byte status; the bytes it writes against the non-zero units of
 * the model; over seeded random extent maps with holes, damage, extents past the image's end, and chunk sizes
 * small enough that the ring of buffers wraps many times.
 */
class VolumeExtractorPropertyTest {

    private static final MapfileHeader HEADER = new MapfileHeader("qrescue extract", "test", "2026-11-27 10:00:00", null);

    @TempDir
    Path dir;

    private ExtractionRequest request(Path out, boolean overwrite, int chunkBytes) {
        return new ExtractionRequest(out, ExtractionRequest.defaultMapfile(out), HEADER, overwrite, chunkBytes);
    }

    @Test
    void shouldMatchTheByteModelTheReaderAndTheSparseModelOnRandomVolumes() throws Exception {
        int[] chunks = {4096, 8192, 12288, 64 << 10};
        for (int seed = 100; seed < 140; seed++) {
            Random rnd = new Random(seed);
            int grain = new int[] {1, 512, 4096}[seed % 3];
            RandomVolume v = RandomVolume.generate(seed, 100_000 + rnd.nextInt(300_000), 50_000 + rnd.nextInt(400_000),
                    grain, seed % 2 == 0);
            int chunkBytes = chunks[rnd.nextInt(chunks.length)];
            Path out = dir.resolve("vol" + seed + ".raw");
            MappedSource reader = readerOver(v, seed);
            List<long[]> progress = new ArrayList<>();
            ExtractionResult result = new VolumeExtractor().extract(reader, request(out, false, chunkBytes),
                    new ExtractionListener() {
                        @Override
                        public void progress(long doneBytes, long sizeBytes) {
                            progress.add(new long[] {doneBytes, sizeBytes});
                        }
                    });

            byte[] written = Files.readAllBytes(out);
            assertThat(written).as("seed %d: bytes against the model", seed).isEqualTo(v.expected);
            assertThat(written).as("seed %d: bytes against the reader", seed).isEqualTo(byteByByte(reader));
            Mapfile map = MapfileReader.read(ExtractionRequest.defaultMapfile(out), null);
            assertThat(RandomVolume.statusOf(map.blocks(), v.expected.length)).as("seed %d mapfile", seed)
                    .isEqualTo(v.expectedStatus);
            assertThat(result.mappedBytes()).isEqualTo(mappedBytes(v.extents));
            assertThat(result.writtenBytes()).as("seed %d: written bytes are the non-zero units", seed)
                    .isEqualTo(nonZeroUnitBytes(v));
            assertProgress(progress, v.extents, seed);
            reader.lower().close();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains(".tmp-"))).isEmpty();
        }
        assertNoExtractionThreads();
    }

    @Test
    void shouldLeaveNoOutputWhenTheImageFailsMidway() throws Exception {
        for (int s = 0; s < 12; s++) {
            int seed = s;
            Random rnd = new Random(seed);
            byte[] image = new byte[1 << 20];
            rnd.nextBytes(image);
            // two extents and a hole: the failure lands in either extent, on a chunk boundary or inside a chunk
            ExtentMap extents = ExtentMap.builder().add(new Extent(0, 300_000, 500_000))
                    .add(new Extent(400_000, 500_000, 0)).build(1_000_000);
            long failAt = new long[] {500_000, 500_000 + 8192, 799_999, 0, 4096 * 7 + 5, 499_999}[seed % 6];
            Path out = dir.resolve("failed" + seed + ".raw");
            boolean existed = seed % 2 == 1;
            if (existed) { // an earlier output, replaced only by a complete one
                Files.write(out, new byte[] {1, 2, 3});
                Files.write(ExtractionRequest.defaultMapfile(out), new byte[] {4, 5});
            }
            MappedSource reader = new MappedSource(new FailingSource(new ByteArraySource(image), failAt), extents);

            assertThatThrownBy(() -> new VolumeExtractor().extract(reader, request(out, existed, 4096 << (seed % 3)),
                    ExtractionListener.NONE))
                    .isInstanceOf(VolumeReadException.class)
                    .hasMessageContaining("Input/output error")
                    .satisfies(e -> {
                        VolumeReadException r = (VolumeReadException) e;
                        assertThat(r.getMessage()).contains("offset " + r.imageOffsetBytes())
                                .contains("volume offset " + r.volumeOffsetBytes());
                        // the chunk that failed covers the failing byte
                        assertThat(r.imageOffsetBytes()).isLessThanOrEqualTo(failAt)
                                .isGreaterThan(failAt - (4096 << (seed % 3)));
                        assertThat(extents.lookup(r.volumeOffsetBytes(), 1).get(0).physicalStart())
                                .isEqualTo(r.imageOffsetBytes());
                    });
            if (existed) {
                assertThat(Files.readAllBytes(out)).containsExactly(1, 2, 3);
                assertThat(Files.readAllBytes(ExtractionRequest.defaultMapfile(out))).containsExactly(4, 5);
                Files.delete(out);
                Files.delete(ExtractionRequest.defaultMapfile(out));
            }
            assertThat(dir).as("seed %d", seed).isEmptyDirectory();
        }
        assertNoExtractionThreads();
    }

    @Test
    void shouldStopReadingWhenTheWriterSideFails() throws Exception {
        byte[] image = new byte[600_000];
        new Random(3).nextBytes(image);
        CountingSource counting = new CountingSource(new ByteArraySource(image));
        MappedSource reader = new MappedSource(counting, ExtentMap.linear(image.length));
        Path out = dir.resolve("stopped.raw");
        ExtractionListener stopAtFirstChunk = new ExtractionListener() {
            @Override
            public void progress(long doneBytes, long sizeBytes) {
                if (doneBytes > 0) {
                    throw new IllegalStateException("stop");
                }
            }
        };
        assertThatThrownBy(() -> new VolumeExtractor().extract(reader, request(out, false, 4096), stopAtFirstChunk))
                .hasMessage("stop");
        long readsWhenStopped = counting.reads;
        // the ring's buffers, and the one the written chunk gave back: 9 of the 147 chunks
        assertThat(readsWhenStopped).as("reads ahead of one written chunk")
                .isBetween(1L, VolumeExtractor.READ_AHEAD_CHUNKS + 1L);
        assertNoExtractionThreads();
        assertThat(counting.reads).isEqualTo(readsWhenStopped);
        assertThat(dir).isEmptyDirectory();
    }

    /** Over the image in memory, or (every third seed) over the same bytes in a file, read positionally. */
    private MappedSource readerOver(RandomVolume v, int seed) throws IOException {
        if (seed % 3 != 0) {
            return v.reader();
        }
        Path imageFile = Files.createTempFile("image", ".bin");
        Files.write(imageFile, v.image);
        imageFile.toFile().deleteOnExit();
        return new MappedSource(RescuedImage.of("image", FileImageSource.open(imageFile), Readability.of(v.damageMap)), v.extents);
    }

    private static byte[] byteByByte(MappedSource reader) throws IOException {
        byte[] out = new byte[(int) reader.size()];
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = 0; i < out.length; i++) {
            one.clear();
            assertThat(reader.read(i, one)).isEqualTo(1);
            out[i] = one.get(0);
        }
        return out;
    }

    private static long mappedBytes(ExtentMap extents) {
        return extents.extents().stream().filter(e -> !e.isHole()).mapToLong(Extent::length).sum();
    }

    /**
     * Bytes in the pieces of the volume's 4 KiB grid, cut at extent boundaries and at the image's end, that
     * hold a non-zero byte: what a sparse writer must write, no more.
     */
    private static long nonZeroUnitBytes(RandomVolume v) {
        long total = 0;
        for (Extent e : v.extents.extents()) {
            if (e.isHole()) {
                continue;
            }
            long readableEnd = e.logicalStart() + Math.max(0, Math.min(e.length(), v.image.length - e.physicalStart()));
            for (long from = e.logicalStart(); from < readableEnd; ) {
                long to = Math.min(readableEnd, (from / 4096 + 1) * 4096);
                boolean nonZero = false;
                for (long i = from; i < to; i++) {
                    nonZero |= v.expected[(int) i] != 0;
                }
                total += nonZero ? to - from : 0;
                from = to;
            }
        }
        return total;
    }

    /** Progress starts at 0, never goes back, reaches every extent's end and ends at the volume's size. */
    private static void assertProgress(List<long[]> progress, ExtentMap extents, int seed) {
        long size = extents.logicalSize();
        assertThat(progress).as("seed %d progress", seed).isNotEmpty();
        assertThat(progress.get(0)[0]).isZero();
        assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(size);
        long[] done = progress.stream().mapToLong(p -> p[0]).toArray();
        for (int i = 1; i < done.length; i++) {
            assertThat(done[i]).as("seed %d progress step %d", seed, i).isGreaterThanOrEqualTo(done[i - 1]);
        }
        assertThat(progress).allSatisfy(p -> assertThat(p[1]).isEqualTo(size));
        for (Extent e : extents.extents()) {
            assertThat(Arrays.stream(done).anyMatch(d -> d == e.logicalEnd())).as("seed %d reaches %d", seed,
                    e.logicalEnd()).isTrue();
        }
    }

    private static void assertNoExtractionThreads() {
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .noneMatch(name -> name.startsWith("qrescue-read-ahead"));
    }

    /** A source whose reads that cover byte {@code failAt} fail, as a bad sector's would. */
    private static final class FailingSource implements ImageSource {
        private final ImageSource inner;
        private final long failAt;

        FailingSource(ImageSource inner, long failAt) {
            this.inner = inner;
            this.failAt = failAt;
        }

        @Override
        public List<Damage> damageIn(long offset, long length) {
            return inner.damageIn(offset, length);
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public int read(long offset, ByteBuffer dst) throws IOException {
            if (offset <= failAt && failAt < offset + dst.remaining()) {
                throw new IOException("Input/output error");
            }
            return inner.read(offset, dst);
        }
    }

    /** A source that counts its reads (one thread reads it: the read-ahead's). */
    private static final class CountingSource implements ImageSource {
        private final ImageSource inner;
        volatile long reads;

        CountingSource(ImageSource inner) {
            this.inner = inner;
        }

        @Override
        public List<Damage> damageIn(long offset, long length) {
            return inner.damageIn(offset, length);
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public int read(long offset, ByteBuffer dst) throws IOException {
            reads++;
            return inner.read(offset, dst);
        }
    }
}
