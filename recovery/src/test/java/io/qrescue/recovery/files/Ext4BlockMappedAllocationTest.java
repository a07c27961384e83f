package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.testing.ToolRun;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block-mapped (ext2/3 style, no extents feature) files read by {@link Ext4AllocationReader}, against debugfs's
 * {@code stat} of each file on a filesystem made by {@code mke2fs -O ^extent} with 1 KiB blocks: files using the direct
 * block numbers, the single and double indirect blocks, and a sparse one reaching the triple indirect block. Every data
 * block and every indirect block debugfs lists, and no other; an indirect block not imaged leaves the file unknown.
 */
@Tag("integration")
class Ext4BlockMappedAllocationTest {

    @TempDir
    Path dir;

    @Test
    void blockMappedFilesHaveTheDataAndIndirectBlocksDebugfsLists() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("sub"));
        Random rnd = new Random(16);
        write(tree.resolve("direct.bin"), rnd, 0, 9 * 1024 + 100);          // 10 direct blocks
        write(tree.resolve("single.bin"), rnd, 0, 200 * 1024);              // single indirect
        write(tree.resolve("sub/double.bin"), rnd, 0, 700 * 1024);          // double indirect
        Path sparse = tree.resolve("sub/triple.bin");                       // 80 MiB: past 12 + 256 + 65536 blocks
        write(sparse, rnd, 0, 4096);
        write(sparse, rnd, 80L << 20, 4096);
        Path image = dir.resolve("ext3ish.img");
        ToolRun mk = ToolRun.run(dir, "mke2fs", "-q", "-F", "-t", "ext4", "-O", "^extent,^64bit", "-b", "1024",
                "-d", dir.resolve("tree").toString(), image.toString(), "16M");
        assertThat(mk.exit()).as(mk.output()).isZero();

        List<String> paths = List.of("direct.bin", "single.bin", "sub/double.bin", "sub/triple.bin");
        List<String> commands = new ArrayList<>();
        paths.forEach(p -> commands.add("stat /" + p));
        E2fsTools.Run run = new E2fsTools().debugfs(image, commands, dir);
        List<InodeStat> stats = new ArrayList<>();
        for (DebugfsTranscript.Section s : DebugfsTranscript.sections(run.stdout())) {
            stats.add(StatParser.read(s.lines()));
        }
        assertThat(stats).hasSize(paths.size()).doesNotContainNull();
        assertThat(stats.get(3).mappingBlocks()).as("triple.bin's indirect blocks (IND, DIND, TIND and below)")
                .hasSizeGreaterThanOrEqualTo(3);

        try (FileImageSource volume = FileImageSource.open(image)) {
            Ext4Allocation a = Ext4AllocationReader.read(volume);
            assertThat(a.complete()).isTrue();
            TreeSet<Long> metadataBlocks = blocks(a.metadata(), 1024);
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                Ext4Allocation.Ext4File f = a.files().stream().filter(x -> path.equals(x.path())).findFirst()
                        .orElseThrow(() -> new AssertionError(path + " not found"));
                assertThat(f.mapKnown()).as(path).isTrue();
                TreeSet<Long> expected = new TreeSet<>();
                for (InodeStat.DataRun r : stats.get(i).dataRuns()) {
                    for (long b = 0; b < r.count(); b++) {
                        expected.add(r.physicalBlock() + b);
                    }
                }
                assertThat(blocks(f.data(), 1024)).as(path + " data blocks").isEqualTo(expected);
                assertThat(metadataBlocks).as(path + " indirect blocks are metadata")
                        .containsAll(stats.get(i).mappingBlocks());
            }
            // the content of the dense files, read through their blocks, is what was written
            for (String path : List.of("direct.bin", "single.bin", "sub/double.bin")) {
                Ext4Allocation.Ext4File f = a.files().stream().filter(x -> path.equals(x.path())).findFirst()
                        .orElseThrow();
                byte[] got = new byte[(int) f.sizeBytes()];
                int at = 0;
                for (Block b : f.data()) {
                    int n = (int) Math.min(b.size(), got.length - at);
                    System.arraycopy(volume.readFully(b.pos(), n), 0, got, at, n);
                    at += n;
                }
                assertThat(got).as(path).isEqualTo(Files.readAllBytes(tree.resolve(path)));
            }

            // double.bin's double indirect block not imaged: its map is unknown and the block pending
            long dindBlock = stats.get(2).mappingBlocks().get(1); // (IND), (DIND), then the DIND's children
            BlockMap map = BlockMap.of(List.of(new StatusBlock(0, dindBlock * 1024, BlockStatus.FINISHED),
                    new StatusBlock(dindBlock * 1024, 1024, BlockStatus.NON_TRIED),
                    new StatusBlock(dindBlock * 1024 + 1024, volume.size() - dindBlock * 1024 - 1024,
                            BlockStatus.FINISHED)));
            Ext4Allocation partial = Ext4AllocationReader.read(RescuedImage.of("ext3ish.img", volume,
                    Readability.of(map)));
            Ext4Allocation.Ext4File f = partial.files().stream().filter(x -> "sub/double.bin".equals(x.path()))
                    .findFirst().orElseThrow();
            assertThat(f.mapKnown()).isFalse();
            assertThat(partial.complete()).isFalse();
            assertThat(partial.pending()).contains(new Block(dindBlock * 1024, 1024));
        }
    }

    private static void write(Path file, Random rnd, long offset, int length) throws Exception {
        byte[] data = new byte[length];
        rnd.nextBytes(data);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(data);
        }
    }

    private static TreeSet<Long> blocks(List<Block> ranges, long blockSize) {
        TreeSet<Long> out = new TreeSet<>();
        for (Block b : ranges) {
            for (long p = b.pos(); p < b.end(); p += blockSize) {
                out.add(p / blockSize);
            }
        }
        return out;
    }
}
