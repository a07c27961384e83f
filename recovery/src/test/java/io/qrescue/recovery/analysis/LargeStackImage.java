package io.qrescue.recovery.analysis;

import io.qrescue.recovery.stack.testing.LvmPvWriter;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import io.qrescue.recovery.stack.testing.VgText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Writes a sparse image of a big QNAP-like data member for the analysis benchmark (bench/scripts/analyze-4t.sh):
 * the whole image is an md 1.0 member (superblock at its end, as a p3 imaged alone), a PV with a VG whose thin pool
 * spans nearly all of it (512 KiB chunks), 256 MiB of metadata written by the real thin_restore with lv1 (3 TiB,
 * {@code mappings} blocks mapped in runs), a snapshot sharing half of them, and lv2. Only metadata is written.
 * Usage: {@code LargeStackImage OUT SIZE_BYTES MAPPINGS}.
 */
public final class LargeStackImage {

    private static final long EXTENT = 4L << 20;
    private static final long CHUNK_SECTORS = 1024;
    private static final long TMETA_EXTENTS = 64;

    private LargeStackImage() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        int mappings = Integer.parseInt(args[2]);
        write(out, size, mappings);
    }

    static void write(Path out, long size, int mappings) throws IOException, InterruptedException {
        long sectors = size / 512;
        MdSuperblockWriter md = new MdSuperblockWriter();
        long sbSector = md.superSector("1.0", sectors);
        long arraySectors = (sbSector - 8) & ~127L;
        md.sizeSectors = arraySectors;
        md.dataOffsetSectors = 0;
        long pvBytes = arraySectors * 512;
        long peStart = 1L << 20;
        long peCount = (pvBytes - peStart) / EXTENT;
        long dataExtents = peCount - TMETA_EXTENTS - 1;
        long chunkBytes = CHUNK_SECTORS * 512;
        long nrDataBlocks = dataExtents * EXTENT / chunkBytes;
        long lv1Extents = Math.min(dataExtents, (3L << 40) / EXTENT);
        String text = vgText(pvBytes, peStart, peCount, dataExtents, lv1Extents);
        LvmPvWriter pv = new LvmPvWriter();
        pv.peStartBytes = peStart;
        pv.text(text);
        byte[] head = new byte[(int) peStart];
        pv.write(head, 0, pvBytes);

        Path dir = Files.createTempDirectory("large-stack");
        Path xml = dir.resolve("pool.xml");
        Path meta = dir.resolve("tmeta.bin");
        Files.writeString(xml, poolXml(nrDataBlocks, lv1Extents * EXTENT / chunkBytes, mappings));
        try (RandomAccessFile f = new RandomAccessFile(meta.toFile(), "rw")) {
            f.setLength(TMETA_EXTENTS * EXTENT);
        }
        Process p = new ProcessBuilder("thin_restore", "-i", xml.toString(), "-o", meta.toString()).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("thin_restore failed");
        }
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
            f.setLength(size);
            f.seek(0);
            f.write(head);
            // tp1_tmeta is at PE 0 (right after pe_start)
            byte[] buf = new byte[1 << 20];
            try (var in = Files.newInputStream(meta)) {
                long at = peStart;
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    if (!allZero(buf, n)) {
                        f.seek(at);
                        f.write(buf, 0, n);
                    }
                    at += n;
                }
            }
            f.seek(sbSector * 512);
            f.write(md.build1x(sbSector, sectors));
        }
        Files.delete(meta);
        Files.delete(xml);
        Files.delete(dir);
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** lv1: runs of 1..32 blocks with gaps; snap10001 (device 3) shares lv1's first half; lv2: a tenth as many. */
    private static String poolXml(long nrDataBlocks, long lv1Blocks, int mappings) {
        StringBuilder b = new StringBuilder();
        b.append("<superblock uuid=\"\" time=\"2\" transaction=\"3\" flags=\"0\" version=\"2\" data_block_size=\"")
                .append(CHUNK_SECTORS).append("\" nr_data_blocks=\"").append(nrDataBlocks).append("\">\n");
        Random r = new Random(1);
        StringBuilder lv1 = new StringBuilder();
        StringBuilder snap = new StringBuilder();
        long v = 0;
        long d = 0;
        int done = 0;
        int snapCount = 0;
        while (done < mappings && v < lv1Blocks && d < nrDataBlocks) {
            int len = (int) Math.min(Math.min(1 + r.nextInt(32), mappings - done), Math.min(lv1Blocks - v, nrDataBlocks - d));
            String run = "  <range_mapping origin_begin=\"" + v + "\" data_begin=\"" + d + "\" length=\"" + len
                    + "\" time=\"0\"/>\n";
            lv1.append(run);
            if (done < mappings / 2) {
                snap.append(run);
                snapCount += len;
            }
            done += len;
            d += len + r.nextInt(4);
            v += len + 1 + r.nextInt(Math.max(1, (int) Math.min(Integer.MAX_VALUE, lv1Blocks / Math.max(1, mappings / 16))));
        }
        StringBuilder lv2 = new StringBuilder();
        int lv2Count = 0;
        for (long vb = 0; lv2Count < mappings / 10 && d < nrDataBlocks; vb += 2, d++, lv2Count++) {
            lv2.append("  <single_mapping origin_block=\"").append(vb).append("\" data_block=\"").append(d)
                    .append("\" time=\"1\"/>\n");
        }
        device(b, 1, done, 0, lv1);
        device(b, 2, lv2Count, 1, lv2);
        device(b, 3, snapCount, 2, snap);
        return b.append("</superblock>\n").toString();
    }

    private static void device(StringBuilder b, long id, long mapped, long trans, StringBuilder body) {
        b.append(" <device dev_id=\"").append(id).append("\" mapped_blocks=\"").append(mapped).append("\" transaction=\"")
                .append(trans).append("\" creation_time=\"0\" snap_time=\"1\">\n").append(body).append(" </device>\n");
    }

    private static String vgText(long pvBytes, long peStart, long peCount, long dataExtents, long lv1Extents) {
        String rw = "\"READ\", \"WRITE\"";
        String visible = rw + ", \"VISIBLE\"";
        return VgText.onePv(7, pvBytes, peStart, peCount,
                VgText.lv("tp1", visible, dataExtents, "type = \"thin-pool\"\nmetadata = \"tp1_tmeta\"\npool = \"tp1_tdata\"\n"
                + "transaction_id = 3\nchunk_size = " + CHUNK_SECTORS + "\ndiscards = \"passdown\"\nzero_new_blocks = 1\n")
                + VgText.lv("lv1", visible, lv1Extents, "type = \"thin\"\nthin_pool = \"tp1\"\ntransaction_id = 0\ndevice_id = 1\n")
                + VgText.lv("lv2", visible, 131072, "type = \"thin\"\nthin_pool = \"tp1\"\ntransaction_id = 1\ndevice_id = 2\n")
                + VgText.lv("snap10001", visible, lv1Extents, "type = \"thin\"\nthin_pool = \"tp1\"\ntransaction_id = 2\n"
                + "device_id = 3\norigin = \"lv1\"\n")
                + VgText.lv("tp1_tmeta", rw, TMETA_EXTENTS, "type = \"striped\"\nstripe_count = 1\n\nstripes = [\n\"pv0\", 0\n]\n")
                + VgText.lv("tp1_tdata", rw, dataExtents, "type = \"striped\"\nstripe_count = 1\n\nstripes = [\n\"pv0\", "
                + TMETA_EXTENTS + "\n]\n"));
    }
}
