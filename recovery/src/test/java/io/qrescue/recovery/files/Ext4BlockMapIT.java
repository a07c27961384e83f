package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block-mapped (ext2/3 style) files, on an ext3 made by {@code mke2fs -t ext3 -b 1024 -d}: direct blocks only, a
 * single, a double and (a sparse file) a triple indirect block. Oracles: the source files' sha256, and debugfs's
 * {@code stat} list of every inode's data blocks and indirect blocks.
 */
@Tag("integration")
class Ext4BlockMapIT {

    private static final Pattern RUN = Pattern.compile("\\(([^)]+)\\):(\\d+)(?:-(\\d+))?");

    @TempDir
    Path dir;

    @Test
    void everyBlockMappedFileReadsBackAndItsIndirectBlocksAreMetadata() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createDirectories(tree.resolve("d"));
        Random rnd = new Random(16);
        Map<String, Integer> sizes = new TreeMap<>(Map.of("small", 5000, "d/single", 100_000, "double", 1_200_000));
        for (var e : sizes.entrySet()) {
            byte[] data = new byte[e.getValue()];
            rnd.nextBytes(data);
            Files.write(tree.resolve(e.getKey()), data);
        }
        // 70 MiB with only its last 3000 bytes written: past 12 + 256 + 256^2 blocks of 1 KiB, so triple indirect
        byte[] tail = new byte[3000];
        rnd.nextBytes(tail);
        long sparseSize = 70L << 20;
        try (var f = new java.io.RandomAccessFile(tree.resolve("sparse").toFile(), "rw")) {
            f.seek(sparseSize - tail.length);
            f.write(tail);
        }
        Path image = dir.resolve("ext3.img");
        StampedExt4Image.run(List.of("mke2fs", "-q", "-F", "-t", "ext3", "-b", "1024", "-d", tree.toString(),
                image.toString(), "8M"), dir);

        try (FileImageSource volume = FileImageSource.open(image)) {
            Ext4Allocation a = Ext4AllocationReader.read(volume);
            assertThat(a.complete()).isTrue();
            Map<String, Ext4Allocation.Ext4File> byPath = new TreeMap<>();
            a.files().stream().filter(f -> f.path() != null).forEach(f -> byPath.put(f.path(), f));
            assertThat(byPath.keySet()).containsAll(List.of("small", "d/single", "double", "sparse"));
            TreeSet<Long> metadataBlocks = blocksOf(a.metadata());
            for (String path : List.of("small", "d/single", "double", "sparse")) {
                Ext4Allocation.Ext4File f = byPath.get(path);
                assertThat(f.mapKnown()).as(path).isTrue();
                Stat want = stat(image, path);
                assertThat(blocksOf(f.data())).as(path + " data blocks, as debugfs lists them").isEqualTo(want.data);
                assertThat(metadataBlocks).as(path + " indirect blocks").containsAll(want.indirect);
                if (!path.equals("sparse")) {
                    assertThat(sha256(volume, f)).as(path).isEqualTo(sha256(Files.readAllBytes(tree.resolve(path))));
                }
            }
            assertThat(stat(image, "sparse").indirectKinds).contains("TIND", "DIND", "IND");
            assertThat(stat(image, "double").indirectKinds).contains("DIND", "IND");

            // the double indirect block of "double" never read: its file's map is unknown, the block pending
            long dind = stat(image, "double").firstOf("DIND");
            List<StatusBlock> map = List.of(new StatusBlock(0, dind * 1024, BlockStatus.FINISHED),
                    new StatusBlock(dind * 1024, 1024, BlockStatus.BAD_SECTOR),
                    new StatusBlock(dind * 1024 + 1024, volume.size() - dind * 1024 - 1024, BlockStatus.FINISHED));
            ImageSource rescued = RescuedImage.of("ext3.img", volume, Readability.of(BlockMap.of(map)));
            Ext4Allocation partial = Ext4AllocationReader.read(rescued);
            assertThat(partial.pending()).contains(new Block(dind * 1024, 1024));
            for (Ext4Allocation.Ext4File f : partial.files()) {
                assertThat(f.mapKnown()).as(f.path()).isEqualTo(!"double".equals(f.path()));
            }
        }
    }

    /**
     * A triple indirect block whose every entry points back at itself (what garbage there can do): the walk stops at
     * the blocks the inode owns (i_blocks) and calls the map unknown, instead of following the cycle through every
     * block the file's size could reach.
     */
    @Test
    void aBlockMapThatPointsAtItselfStopsAtTheBlocksTheInodeOwns() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        byte[] tail = new byte[3000];
        new Random(7).nextBytes(tail);
        try (var f = new java.io.RandomAccessFile(tree.resolve("sparse").toFile(), "rw")) {
            f.seek((70L << 20) - tail.length);
            f.write(tail);
        }
        Path image = dir.resolve("ext3.img");
        StampedExt4Image.run(List.of("mke2fs", "-q", "-F", "-t", "ext3", "-b", "1024", "-d", tree.toString(),
                image.toString(), "8M"), dir);
        Stat intact = stat(image, "sparse");
        long tind = intact.firstOf("TIND");
        java.nio.ByteBuffer self = java.nio.ByteBuffer.allocate(1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (self.hasRemaining()) {
            self.putInt((int) tind);
        }
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.seek(tind * 1024);
            f.write(self.array());
        }
        try (FileImageSource volume = FileImageSource.open(image)) {
            Ext4Allocation.Ext4File sparse = Ext4AllocationReader.read(volume).files().stream()
                    .filter(f -> "sparse".equals(f.path())).findFirst().orElseThrow();
            assertThat(sparse.mapKnown()).isFalse();
            long owned = intact.data.size() + intact.indirect.size();
            assertThat(blocksOf(sparse.data()).size()).isLessThanOrEqualTo((int) owned);
        }
    }

    /** debugfs's block list of one inode: data blocks, indirect blocks, and which kinds of indirect block. */
    private record Stat(TreeSet<Long> data, TreeSet<Long> indirect, List<String> indirectKinds, Map<String, Long> first) {
        long firstOf(String kind) {
            return first.get(kind);
        }
    }

    private Stat stat(Path image, String path) throws Exception {
        String out = StampedExt4Image.run(List.of("debugfs", "-R", "stat \"/" + path + "\"", image.toString()), dir);
        String blocks = out.substring(out.indexOf("BLOCKS:"));
        TreeSet<Long> data = new TreeSet<>();
        TreeSet<Long> indirect = new TreeSet<>();
        List<String> kinds = new ArrayList<>();
        Map<String, Long> first = new TreeMap<>();
        Matcher m = RUN.matcher(blocks);
        while (m.find()) {
            long from = Long.parseLong(m.group(2));
            long to = m.group(3) == null ? from : Long.parseLong(m.group(3));
            boolean isIndirect = m.group(1).endsWith("IND");
            if (isIndirect) {
                kinds.add(m.group(1));
                first.putIfAbsent(m.group(1), from);
            }
            for (long b = from; b <= to; b++) {
                (isIndirect ? indirect : data).add(b);
            }
        }
        assertThat(data).as(path + ": debugfs listed blocks").isNotEmpty();
        return new Stat(data, indirect, kinds, first);
    }

    private static TreeSet<Long> blocksOf(List<Block> ranges) {
        TreeSet<Long> out = new TreeSet<>();
        for (Block b : ranges) {
            for (long p = b.pos(); p < b.end(); p += 1024) {
                out.add(p / 1024);
            }
        }
        return out;
    }

    private static String sha256(ImageSource volume, Ext4Allocation.Ext4File f) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Block b : f.data()) {
            all.write(volume.readFully(b.pos(), (int) b.size()));
        }
        byte[] bytes = all.toByteArray();
        return sha256(java.util.Arrays.copyOf(bytes, (int) f.sizeBytes()));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
