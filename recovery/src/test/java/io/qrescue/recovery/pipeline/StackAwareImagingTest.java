package io.qrescue.recovery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.files.Ext4Allocation;
import io.qrescue.recovery.report.RescueReport;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.testing.ToolRun;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rounds of {@code qrescue rescue} on the QNAP-like fixture failing in free pool space, outside the stack, in
 * free ext4 space, in a file and in ext4 metadata, next to GNU {@code ddrescue -r3} in test mode ({@code -H}) on the
 * same fault map: the same file bytes recovered, every intact file back sha256-identical to the kernel's, and at
 * most half of ddrescue's reads into bad areas (free space is trimmed, never scraped or retried).
 */
@Tag("integration")
class StackAwareImagingTest {

    @TempDir
    Path dir;

    /** Where the fixture fails, in disk bytes, and the healthy files domain. */
    private record Faults(List<Block> freePool, List<Block> freeExt4, List<Block> inFile, List<Block> inMetadata,
            List<Block> outsideStack, BlockMap filesDomain) {
        List<Block> all() {
            List<Block> out = new ArrayList<>(freePool);
            out.addAll(freeExt4);
            out.addAll(inFile);
            out.addAll(inMetadata);
            out.addAll(outsideStack);
            out.sort(java.util.Comparator.comparingLong(Block::pos));
            return out;
        }
    }

    @Test
    void roundsReadFarLessIntoBadAreasThanDdrescueAndRecoverTheSameFiles() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        long size = Files.size(disk);
        Faults faults = faults(disk, size);

        // qrescue rescue --simulate with the faults (the job's --retries=3 as ddrescue's -r3)
        StringBuilder spec = new StringBuilder();
        for (Block b : faults.all()) {
            spec.append("bad ").append(b.pos()).append(' ').append(b.size()).append('\n');
        }
        Path specFile = Files.writeString(dir.resolve("faults.txt"), spec);
        Path work = dir.resolve("job");
        List<String> completed = new ArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void fileComplete(String volume, String path, long sizeBytes) {
                completed.add(volume + "/" + path);
            }
        };
        PipelineResult result = new RescuePipeline(new PipelineOptions(List.of(disk), work, 3, 3, 16,
                TestImaging.QUIET, TestImaging.simulating(specFile), VmFallback.Mode.NEVER), TestImaging.real(),
                listener).run();
        assertThat(result.exitCode()).isZero();

        // GNU ddrescue -r3 in test mode on the same fault map
        List<StatusBlock> test = new ArrayList<>();
        long pos = 0;
        for (Block b : faults.all()) {
            test.add(new StatusBlock(pos, b.pos() - pos, BlockStatus.FINISHED));
            test.add(new StatusBlock(b.pos(), b.size(), BlockStatus.BAD_SECTOR));
            pos = b.end();
        }
        test.add(new StatusBlock(pos, size - pos, BlockStatus.FINISHED));
        Path testMap = dir.resolve("test.map");
        Files.writeString(testMap, MapfileWriter.toText(new Mapfile(BlockMap.of(test)),
                new MapfileHeader("test", "test", "2026-12-07 12:00:00", null)), StandardCharsets.ISO_8859_1);
        ToolRun dd = ToolRun.run(dir, "ddrescue", "-q", "-r3", "-H", testMap.toString(), "--log-reads=dd-reads.log",
                disk.toString(), "dd.img", "dd.map");
        assertThat(dd.exit()).as(dd.output()).isZero();

        BlockMap ours = MapfileReader.read(work.resolve("disk.map"), null).blocks();
        BlockMap theirs = MapfileReader.read(dir.resolve("dd.map"), null).blocks();
        List<Path> ourLogs;
        try (var files = Files.list(work.resolve("reads"))) {
            ourLogs = files.sorted().toList();
        }
        RescueReport.Imaging q = ReadCounts.of(ourLogs, ours, -1);
        RescueReport.Imaging g = ReadCounts.of(List.of(dir.resolve("dd-reads.log")), theirs, -1);
        System.out.printf("bad-area reads: qrescue %d, ddrescue -r3 %d; reads %d / %d; bytes read %d / %d%n",
                q.badAreaReads(), g.badAreaReads(), q.reads(), g.reads(), q.bytesRead(), g.bytesRead());
        assertThat(q.badAreaReads()).isPositive();
        assertThat(q.badAreaReads() * 2).isLessThanOrEqualTo(g.badAreaReads());

        // the same file bytes recovered: inside the files' data, both maps agree byte for byte
        for (StatusBlock d : faults.filesDomain()) {
            if (d.status() == BlockStatus.FINISHED) {
                assertThat(Readability.of(ours).damageIn(d.pos(), d.size()).stream().map(StatusBlock::block).toList())
                        .isEqualTo(Readability.of(theirs).damageIn(d.pos(), d.size()).stream()
                                .map(StatusBlock::block).toList());
            }
        }
        // free space: trimmed, never scraped or retried; ddrescue scraped and retried it to bad sectors
        for (Block free : faults.freePool()) {
            assertThat(Readability.of(ours).damageIn(free.pos(), free.size()))
                    .anyMatch(b -> b.status() == BlockStatus.NON_SCRAPED);
            assertThat(Readability.of(theirs).damageIn(free.pos(), free.size()))
                    .allMatch(b -> b.status() == BlockStatus.BAD_SECTOR);
        }

        // every intact file back, sha256-identical to what the kernel wrote; the damaged one named
        Map<String, String> oracle = new TreeMap<>();
        for (String line : VolumeFixtures.oracle("md10-single", "files.sha256").split("\n")) {
            if (!line.isBlank()) {
                oracle.put(line.substring(66), line.substring(0, 64));
            }
        }
        String damaged = Files.readString(work.resolve("files/vg1-lv1/damaged-files.txt"));
        int intact = 0;
        for (Map.Entry<String, String> e : oracle.entrySet()) {
            String volume = e.getKey().substring(0, e.getKey().indexOf('/', 4));
            String path = e.getKey().substring(volume.length() + 1);
            Path sums = work.resolve("files").resolve(volume.replace('/', '-')).resolve("SHA256SUMS");
            if (volume.equals("vg1/lv1") && damaged.contains(path)) {
                continue;
            }
            if (Files.readString(sums).contains(e.getValue() + "  " + path)
                    || Files.readString(sums).contains(e.getValue())) {
                intact++;
            } else {
                assertThat(damaged + Files.readString(work.resolve("files").resolve(volume.replace('/', '-'))
                        .resolve("damaged-files.txt"))).as(e.getKey() + " neither intact nor named damaged")
                        .contains(path);
            }
        }
        assertThat(intact).isGreaterThan(oracle.size() - 4);
        // report.json: the counters per disk, and the files complete per volume
        String json = Files.readString(work.resolve("report.json"));
        assertThat(json).contains("\"imaging\": {\"reads\": " + q.reads() + ", \"badAreaReads\": " + q.badAreaReads());
        assertThat(json).contains("\"filesComplete\"");
        // each file was told once as it became complete (those complete after the metadata round are not told)
        assertThat(completed).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void onRaid5MembersUntilFilesGetsEveryFileAndLeavesTheRestUnread() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md10-raid5", dir);
        Path work = dir.resolve("raid5-job");
        PipelineResult result = new RescuePipeline(new PipelineOptions(members, work, 3, 1, 16, TestImaging.QUIET,
                io.qrescue.recovery.imaging.QrescueOptions.NONE, VmFallback.Mode.NEVER, ImagingRound.FILES),
                TestImaging.real(), PipelineListener.NONE).run();
        assertThat(result.exitCode()).isZero();
        // every file of every volume complete, read through the members' shares (and parity) of the array
        String progress = Files.readString(work.resolve("progress.json"));
        assertThat(progress).doesNotContain("\"allKnown\": false");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"filesComplete\": (\\d+), \"filesTotal\": (\\d+)").matcher(progress);
        int volumes = 0;
        while (m.find()) {
            volumes++;
            assertThat(m.group(1)).isEqualTo(m.group(2));
        }
        assertThat(volumes).isEqualTo(3);
        Map<String, String> oracle = new TreeMap<>();
        for (String line : VolumeFixtures.oracle("md10-raid5", "files.sha256").split("\n")) {
            if (!line.isBlank()) {
                oracle.put(line.substring(66), line.substring(0, 64));
            }
        }
        for (Map.Entry<String, String> e : oracle.entrySet()) {
            String volume = e.getKey().substring(0, e.getKey().indexOf('/', 4));
            assertThat(Files.readString(work.resolve("files").resolve(volume.replace('/', '-')).resolve("SHA256SUMS")))
                    .as(e.getKey()).contains(e.getValue());
        }
        // the rest of the members (the volumes' free space, the disks' free space) is not read yet
        for (int i = 1; i <= 3; i++) {
            BlockMap map = MapfileReader.read(work.resolve("disk" + i + ".map"), null).blocks();
            assertThat(map.toList()).anyMatch(b -> b.status() == BlockStatus.NON_TRIED);
        }
        assertThat(Files.readString(work.resolve("report.json"))).contains("\"bytesReadWhenFilesComplete\": ");
    }

    /** Picks the fault areas from a healthy look at the fixture. */
    private static Faults faults(Path disk, long size) throws Exception {
        RescuePipeline.Disk d = new RescuePipeline.Disk(0, disk, size, disk, disk.resolveSibling("none.map"));
        BlockMap all = BlockMap.of(List.of(new StatusBlock(0, size, BlockStatus.FINISHED)));
        try (StackView view = StackView.of(List.of(d), List.of(all))) {
            BlockMap files = view.files(0, size);
            BlockMap known = view.volumes(0, size, true);
            BlockMap unknown = view.volumes(0, size, false);
            BlockMap metadata = io.qrescue.recovery.analysis.MetadataDomain.covering(view.filesystemMetadata(0), size);
            // free pool space: in the pool's data LV, in no volume
            List<Block> freePool = new ArrayList<>();
            PoolAnalysis pool = view.analysis().pools().get(0);
            Placement tdata = pool.node().data().get(0).placements().get(0);
            for (Placement.ImageSpan s : tdata.imageSpans(0, pool.node().data().get(0).sizeBytes())) {
                for (long p = s.offsetBytes(); p + 65536 <= s.endBytes() && freePool.isEmpty(); p += 65536) {
                    if (none(known, p, 65536) && none(unknown, p, 65536)) {
                        freePool.add(new Block(p, 65536));
                    }
                }
            }
            // free ext4 space: a volume's mapped bytes, neither file data nor metadata
            List<Block> freeExt4 = new ArrayList<>();
            for (StatusBlock b : known) {
                for (long p = b.pos(); b.status() == BlockStatus.FINISHED && p + 32768 <= b.end()
                        && freeExt4.isEmpty(); p += 4096) {
                    if (none(files, p, 32768) && none(metadata, p, 32768)) {
                        freeExt4.add(new Block(p, 32768));
                    }
                }
            }
            // a file of lv1 (its second 4 KiB) and ext4 metadata of lv2 (a block bitmap: no file is lost)
            StackView.VolumeFiles lv1 = view.volumes().stream().filter(v -> v.volume().name().equals("vg1/lv1"))
                    .findFirst().orElseThrow();
            Ext4Allocation.Ext4File file = lv1.allocation().files().stream()
                    .filter(f -> f.path() != null && f.data().size() == 1 && f.dataBytes() >= 65536).findFirst()
                    .orElseThrow();
            long fileAt = lv1.placement().imageOffsetOf(file.data().get(0).pos() + 4096);
            StackView.VolumeFiles lv2 = view.volumes().stream().filter(v -> v.volume().name().equals("vg1/lv2"))
                    .findFirst().orElseThrow();
            long bitmapAt = lv2.placement().imageOffsetOf(lv2.allocation().metadata().get(2).pos());
            // outside the stack: partition 2
            var p2 = view.analysis().stack().disks().get(0).partitions().get(1);
            assertThat(freePool).isNotEmpty();
            assertThat(freeExt4).isNotEmpty();
            return new Faults(freePool, freeExt4, List.of(new Block(fileAt, 4096)), List.of(new Block(bitmapAt, 512)),
                    List.of(new Block(p2.startBytes() + 8192, 65536)), files);
        }
    }

    /** True when no byte of {@code [pos, +len)} is in the domain's finished blocks. */
    private static boolean none(BlockMap domain, long pos, long len) {
        return Readability.of(domain).unreadableBytes(pos, len) == len;
    }
}
