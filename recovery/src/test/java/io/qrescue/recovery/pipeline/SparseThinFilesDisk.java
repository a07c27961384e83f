package io.qrescue.recovery.pipeline;

import io.qrescue.recovery.stack.testing.LvmPvWriter;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import io.qrescue.recovery.stack.testing.VgText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Writes a big sparse QNAP-like data member with a thin pool for the stack-aware imaging figure
 * ({@code LAYOUT=thin bench/scripts/stack-imaging.sh}): the whole image is an md 1.0 member (superblock at its end), a PV with VG vg1,
 * a thin pool tp1 over nearly all of it (512 KiB chunks, tmeta at PE 0) and one thin volume lv1 as large as the pool,
 * whose blocks are those of {@code FS_IMAGE} (an ext4 made by {@code mke2fs -d}, sparse): every 512 KiB chunk of it
 * that holds data is mapped to the next free pool block, in order, as a pool filled by writes would; the mapping is
 * written by the real {@code thin_restore} and checked by {@code thin_check}. {@code RANGES} lists the data of
 * FS_IMAGE ("offset length" per line, e.g. from SEEK_DATA/SEEK_HOLE). Prints lv1's size and mapped chunks.
 * Usage: {@code SparseThinFilesDisk OUT SIZE_BYTES FS_IMAGE RANGES} (FS_IMAGE made with the size
 * {@code SparseThinFilesDisk --lv-size SIZE_BYTES} prints).
 */
public final class SparseThinFilesDisk {

    private static final long EXTENT = 4L << 20;
    private static final long CHUNK_SECTORS = 1024;
    private static final long CHUNK = CHUNK_SECTORS * 512;
    private static final long TMETA_EXTENTS = 64;
    private static final long PE_START = 1L << 20;

    private SparseThinFilesDisk() {
    }

    /** The layout of a disk of {@code size} bytes. */
    private record Layout(long sectors, long sbSector, long pvBytes, long peCount, long dataExtents) {
        static Layout of(long size) {
            long sectors = size / 512;
            long sbSector = new MdSuperblockWriter().superSector("1.0", sectors);
            long arraySectors = (sbSector - 8) & ~127L;
            long pvBytes = arraySectors * 512;
            long peCount = (pvBytes - PE_START) / EXTENT;
            return new Layout(sectors, sbSector, pvBytes, peCount, peCount - TMETA_EXTENTS - 1);
        }

        long lvBytes() {
            return dataExtents * EXTENT;
        }

        long tdataOffset() {
            return PE_START + TMETA_EXTENTS * EXTENT;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--lv-size")) {
            System.out.println(Layout.of(Long.parseLong(args[1])).lvBytes());
            return;
        }
        Path out = Path.of(args[0]);
        Layout layout = Layout.of(Long.parseLong(args[1]));
        Path fs = Path.of(args[2]);
        TreeSet<Long> chunks = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of(args[3]))) {
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.trim().split("\\s+");
            long offset = Long.parseLong(p[0]);
            long end = Math.min(offset + Long.parseLong(p[1]), layout.lvBytes());
            for (long c = offset / CHUNK; c * CHUNK < end; c++) {
                chunks.add(c);
            }
        }
        Path dir = Files.createTempDirectory("thin-files-disk");
        Path xml = dir.resolve("pool.xml");
        Path meta = dir.resolve("tmeta.bin");
        Files.writeString(xml, poolXml(layout.lvBytes() / CHUNK, List.copyOf(chunks)));
        try (RandomAccessFile f = new RandomAccessFile(meta.toFile(), "rw")) {
            f.setLength(TMETA_EXTENTS * EXTENT);
        }
        run("thin_restore", "-i", xml.toString(), "-o", meta.toString());
        run("thin_check", meta.toString());
        LvmPvWriter pv = new LvmPvWriter();
        pv.peStartBytes = PE_START;
        pv.text(vgText(layout));
        byte[] head = new byte[(int) PE_START];
        pv.write(head, 0, layout.pvBytes());
        MdSuperblockWriter md = new MdSuperblockWriter();
        md.sizeSectors = (layout.sbSector() - 8) & ~127L;
        md.dataOffsetSectors = 0;
        byte[] buf = new byte[(int) CHUNK];
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw");
                RandomAccessFile in = new RandomAccessFile(fs.toFile(), "r");
                RandomAccessFile tmeta = new RandomAccessFile(meta.toFile(), "r")) {
            f.setLength(layout.sectors() * 512);
            f.seek(0);
            f.write(head);
            for (long at = 0; at < tmeta.length(); at += buf.length) { // tp1_tmeta at PE 0
                tmeta.seek(at);
                tmeta.readFully(buf);
                if (!allZero(buf)) {
                    f.seek(PE_START + at);
                    f.write(buf);
                }
            }
            long d = 0;
            for (long c : chunks) { // lv1's chunk c is pool block d: the next free one
                in.seek(c * CHUNK);
                int n = in.read(buf);
                java.util.Arrays.fill(buf, Math.max(n, 0), buf.length, (byte) 0);
                f.seek(layout.tdataOffset() + d * CHUNK);
                f.write(buf);
                d++;
            }
            f.seek(layout.sbSector() * 512);
            f.write(md.build1x(layout.sbSector(), layout.sectors()));
        }
        Files.delete(meta);
        Files.delete(xml);
        Files.delete(dir);
        System.out.println(layout.lvBytes() + " " + chunks.size());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** lv1 (device 1): its data chunks in order on pool blocks 0, 1, 2, ... in runs. */
    private static String poolXml(long nrDataBlocks, List<Long> chunks) {
        StringBuilder body = new StringBuilder();
        int i = 0;
        while (i < chunks.size()) {
            int j = i + 1;
            while (j < chunks.size() && chunks.get(j) == chunks.get(j - 1) + 1) {
                j++;
            }
            body.append("  <range_mapping origin_begin=\"").append(chunks.get(i)).append("\" data_begin=\"").append(i)
                    .append("\" length=\"").append(j - i).append("\" time=\"0\"/>\n");
            i = j;
        }
        return "<superblock uuid=\"\" time=\"1\" transaction=\"1\" flags=\"0\" version=\"2\" data_block_size=\""
                + CHUNK_SECTORS + "\" nr_data_blocks=\"" + nrDataBlocks + "\">\n <device dev_id=\"1\" mapped_blocks=\""
                + chunks.size() + "\" transaction=\"0\" creation_time=\"0\" snap_time=\"0\">\n" + body
                + " </device>\n</superblock>\n";
    }

    private static String vgText(Layout l) {
        String rw = "\"READ\", \"WRITE\"";
        String visible = rw + ", \"VISIBLE\"";
        return VgText.onePv(5, l.pvBytes(), PE_START, l.peCount(),
                VgText.lv("tp1", visible, l.dataExtents(), "type = \"thin-pool\"\nmetadata = \"tp1_tmeta\"\n"
                + "pool = \"tp1_tdata\"\ntransaction_id = 1\nchunk_size = " + CHUNK_SECTORS + "\n"
                + "discards = \"passdown\"\nzero_new_blocks = 1\n")
                + VgText.lv("lv1", visible, l.dataExtents(), "type = \"thin\"\nthin_pool = \"tp1\"\ntransaction_id = 0\n"
                + "device_id = 1\n")
                + VgText.lv("tp1_tmeta", rw, TMETA_EXTENTS, "type = \"striped\"\nstripe_count = 1\n\nstripes = [\n\"pv0\", 0\n]\n")
                + VgText.lv("tp1_tdata", rw, l.dataExtents(), "type = \"striped\"\nstripe_count = 1\n\nstripes = [\n\"pv0\", "
                + TMETA_EXTENTS + "\n]\n"));
    }
}
