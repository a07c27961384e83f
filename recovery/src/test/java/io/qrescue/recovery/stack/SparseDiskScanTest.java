package io.qrescue.recovery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.stack.testing.LvmPvWriter;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import io.qrescue.recovery.stack.testing.PartitionTableWriter;
import io.qrescue.recovery.stack.testing.VgText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse 4 TB QNAP data disk (GPT, p3 of almost 4 TB as an md 1.0 member, PV, thin pool): the scan finds the
 * whole stack while reading only a few MiB of it (the cost of analysis does not grow with the disk).
 */
class SparseDiskScanTest {

    private static final long TB4 = 4_000_787_030_016L; // a "4 TB" disk: 7814037168 sectors
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Counts the bytes read through it. */
    private static final class CountingSource implements ImageSource {
        final ImageSource inner;
        long bytesRead;

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
            int n = inner.read(offset, dst);
            bytesRead += n;
            return n;
        }
    }

    @Test
    void shouldScanA4TbDiskReadingOnlyItsMetadata() throws Exception {
        Path disk = dir.resolve("sparse-4tb.img");
        long p3First = 2120584;                    // sample 02's layout
        long p3Last = TB4 / 512 - 16707592 - 1060288 - 100;
        long p3Bytes = (p3Last - p3First + 1) * 512;
        long arrayBytes = (((p3Bytes / 512 - 16) & ~7L) - 8) * 512;
        long peCount = (arrayBytes - MIB) / (4 * MIB);
        LvmPvWriter pv = new LvmPvWriter();
        pv.text(VgText.qnapPool(278, pv.pvUuid, arrayBytes / 512, 2048, peCount, "tier-thin-pool", "tp1_tierdata_0",
                peCount - 2));
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(TB4);
            PartitionTableWriter.Sink sink = (off, b) -> {
                try {
                    f.seek(off);
                    f.write(b);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            PartitionTableWriter gpt = new PartitionTableWriter();
            gpt.add(40, 1060289, "");
            gpt.add(1060296, 2120579, "");
            gpt.parts.add(new PartitionTableWriter.Part(p3First, p3Last, PartitionTableWriter.BASIC_DATA, "", 0x83));
            gpt.writeGpt(TB4, sink);
            byte[] pvHead = new byte[(int) (2 * MIB)];
            pv.write(pvHead, 0, arrayBytes);
            sink.put(p3First * 512, pvHead);
            MdSuperblockWriter md = new MdSuperblockWriter();
            long sbSector = md.superSector("1.0", p3Bytes / 512);
            sink.put(p3First * 512 + sbSector * 512, md.build1x(sbSector, p3Bytes / 512));
        }
        try (FileImageSource file = FileImageSource.open(disk)) {
            CountingSource src = new CountingSource(file);
            StorageStack st = StackScanner.scan(List.of(new NamedImage("sparse-4tb.img", src)));
            PoolNode pool = st.vg("vg1").pool("tp1");
            assertThat(pool.tiered()).isTrue();
            long dataBytes = (peCount - 2) * 4 * MIB;
            assertThat(pool.data().get(0).placements().get(0).imageSpans(0, dataBytes)).containsExactly(
                    new Placement.ImageSpan(0, p3First * 512 + MIB + 4 * MIB, dataBytes));
            assertThat(st.arrays().get(0).array().sizeBytes()).isEqualTo(arrayBytes);
            // Label, mda buffer (1 MiB), GPT copies, superblocks: a few MiB out of 4 TB.
            assertThat(src.bytesRead).isLessThan(4 * MIB);
        }
    }
}
