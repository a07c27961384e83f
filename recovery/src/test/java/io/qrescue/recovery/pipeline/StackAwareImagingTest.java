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
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.report.RescueReport;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.md.MemberUse;
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
        Path testMap = testMap(dir.resolve("test.map"), faults.all(), size);
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
        Map<String, String> oracle = oracle("md10-single");
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
        Map<String, String> oracle = oracle("md10-raid5");
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

    /** What a job over the RAID5 members and {@code ddrescue -r3 -H} on each cost, summed over the members. */
    private record Raid5Counts(long ourBad, long theirBad, long ourReads, long theirReads) {
    }

    /**
     * {@code qrescue rescue} on the md10-raid5 members, two of them failing in stripe rows of their own (thin metadata
     * and file data), with {@code --retries 3} as ddrescue's {@code -r3} (and with the CLI's default 1), next to
     * {@code ddrescue -r3 -H} on each member: fewer reads into bad areas, because the member areas the other members
     * heal are neither scraped nor retried (left unfinished in the member's map), and every file healed from parity.
     */
    @Test
    void onRaid5MembersFailingInDifferentStripesRetriesLessThanDdrescueAndHealsEveryFile() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md10-raid5", dir);
        List<List<Block>> faults = raid5Faults(members);
        List<String> notes = new ArrayList<>();
        Raid5Counts one = raid5Job(members, faults, 1, "raid5-r1", PipelineListener.NONE);
        Raid5Counts three = raid5Job(members, faults, 3, "raid5-r3", new PipelineListener() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        });
        System.out.printf("RAID5, bad areas on two members in different stripes: bad-area reads qrescue --retries 1 %d,"
                + " --retries 3 %d, ddrescue -r3 %d; reads %d / %d / %d%n", one.ourBad(), three.ourBad(),
                three.theirBad(), one.ourReads(), three.ourReads(), three.theirReads());
        assertThat(three.ourBad()).isPositive().isLessThan(three.theirBad());
        assertThat(one.ourBad()).isPositive().isLessThanOrEqualTo(three.ourBad());
        assertThat(notes).anyMatch(n -> n.contains("healed by the other members of the array"));

        // the healed areas were neither scraped nor retried: unfinished, their inside left non-scraped (trimming
        // marks only their edge sectors bad)
        Path work = dir.resolve("raid5-r3");
        for (int i = 0; i < members.size(); i++) {
            Readability map = Readability.of(MapfileReader.read(work.resolve("disk" + (i + 1) + ".map"), null)
                    .blocks());
            for (Block b : faults.get(i)) {
                assertThat(map.damageIn(b.pos(), b.size())).as("member %d at %d", i + 1, b.pos())
                        .anyMatch(s -> s.status() == BlockStatus.NON_SCRAPED);
            }
        }

        // report.json says per member how many unfinished bytes the array heals: each whole bad area
        java.util.regex.Matcher healed = java.util.regex.Pattern.compile("\"healedByArrayBytes\": (\\d+)")
                .matcher(Files.readString(work.resolve("report.json")));
        List<Long> perMember = new ArrayList<>();
        while (healed.find()) {
            perMember.add(Long.parseLong(healed.group(1)));
        }
        assertThat(perMember).containsExactlyElementsOf(faults.stream().map(f -> 4096L * f.size()).toList());

        // everything healed from parity: every file sha256-identical to what the kernel wrote, none named damaged
        for (Map.Entry<String, String> e : oracle("md10-raid5").entrySet()) {
            String volume = e.getKey().substring(0, e.getKey().indexOf('/', 4));
            Path files = work.resolve("files").resolve(volume.replace('/', '-'));
            assertThat(Files.readString(files.resolve("SHA256SUMS"))).as(e.getKey()).contains(e.getValue())
                    .contains(e.getKey().substring(volume.length() + 1));
            Path damaged = files.resolve("damaged-files.txt");
            assertThat(Files.exists(damaged) ? Files.readString(damaged).strip() : "").as(damaged.toString()).isEmpty();
        }
        // and every volume extracted whole: no byte of any volume marked unreadable or of unknown provenance
        List<Path> volumeMaps;
        try (var files = Files.list(work.resolve("volumes"))) {
            volumeMaps = files.filter(f -> f.getFileName().toString().endsWith(".map")).toList();
        }
        assertThat(volumeMaps).hasSizeGreaterThanOrEqualTo(3);
        for (Path map : volumeMaps) {
            assertThat(MapfileReader.read(map, null).blocks().toList()).as(map.toString())
                    .allMatch(b -> b.status() == BlockStatus.FINISHED);
        }
    }

    /**
     * Two RAID5 members failing in the same stripe row, inside a file's data: parity cannot heal those bytes, so both
     * members are scraped and retried there ({@code --retries 3}: every sector read at least four times, and marked
     * bad sector by sector), and the file on them is named damaged.
     */
    @Test
    void onRaid5MembersFailingInTheSameStripeScrapesAndRetriesBoth() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md10-raid5", dir);
        List<List<Block>> faults = new ArrayList<>();
        members.forEach(m -> faults.add(new ArrayList<>()));
        String damagedFile;
        String volume;
        try (StackView view = healthyView(members)) {
            StackView.VolumeFiles v = view.volumes().stream().filter(x -> x.allocation() != null).findFirst()
                    .orElseThrow();
            Ext4Allocation.Ext4File f = v.allocation().files().stream()
                    .filter(x -> x.path() != null && !x.data().isEmpty()).findFirst().orElseThrow();
            MdArraySource.ImagePiece p = dataPiece(v.placement(), f.data().get(0).pos(), 4096);
            int other = (p.imageIndex() + 1) % members.size();
            // every member's data starts at the same image offset: the same offset is the same stripe row
            faults.get(p.imageIndex()).add(new Block(p.imageOffset(), 4096));
            faults.get(other).add(new Block(p.imageOffset(), 4096));
            damagedFile = f.path();
            volume = v.volume().name();
        }
        raid5Job(members, faults, 3, "raid5-same", PipelineListener.NONE);
        Path work = dir.resolve("raid5-same");
        for (int i = 0; i < members.size(); i++) {
            for (Block b : faults.get(i)) {
                String prefix = "disk" + (i + 1) + "-";
                List<Path> logs;
                try (var files = Files.list(work.resolve("reads"))) {
                    logs = files.filter(x -> x.getFileName().toString().startsWith(prefix)).sorted().toList();
                }
                long reads = readsInto(logs, b);
                System.out.printf("RAID5, same stripe: member %d, %d reads into its bad 4 KiB%n", i + 1, reads);
                // copy pass and trimming, then scraping and three retries of each of its eight sectors
                assertThat(reads).as("member %d", i + 1).isGreaterThanOrEqualTo(8 * 4);
                Readability map = Readability.of(MapfileReader.read(work.resolve("disk" + (i + 1) + ".map"), null)
                        .blocks());
                assertThat(map.damageIn(b.pos(), b.size())).isNotEmpty()
                        .allMatch(s -> s.status() == BlockStatus.BAD_SECTOR);
            }
        }
        assertThat(Files.readString(work.resolve("files").resolve(volume.replace('/', '-'))
                .resolve("damaged-files.txt"))).contains(damagedFile.replaceFirst("^/", ""));
    }

    /** The reads of {@code logs} that touch {@code area}. */
    private static long readsInto(List<Path> logs, Block area) throws Exception {
        long n = 0;
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("0x")) {
                    String[] f = line.split("\t");
                    long pos = Long.parseLong(f[0].substring(2), 16);
                    if (pos < area.end() && pos + Long.parseLong(f[1]) > area.pos()) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /**
     * {@code qrescue rescue} over {@code members} in {@code WORKDIR/job} with {@code --metadata-retries 3} and
     * {@code --retries retries}, each member failing by its own fault map, and GNU {@code ddrescue -r3 -H} on each
     * member with the same map.
     */
    private Raid5Counts raid5Job(List<Path> members, List<List<Block>> faults, int retries, String job,
            PipelineListener listener) throws Exception {
        Map<String, QrescueOptions> failing = new java.util.HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            StringBuilder spec = new StringBuilder();
            for (Block b : faults.get(i)) {
                spec.append("bad ").append(b.pos()).append(' ').append(b.size()).append('\n');
            }
            failing.put(members.get(i).toString(), TestImaging.simulating(
                    Files.writeString(dir.resolve(job + "-faults" + (i + 1) + ".txt"), spec)));
        }
        Path work = dir.resolve(job);
        ImagingStep perMember = request -> TestImaging.real().image(new ImagingRequest(request.inputFile(),
                request.outputFile(), request.mapfile(), request.options(), failing.get(request.inputFile()),
                request.commandLine()));
        PipelineResult result = new RescuePipeline(new PipelineOptions(members, work, 3, retries, 16,
                TestImaging.QUIET, QrescueOptions.NONE, VmFallback.Mode.NEVER), perMember, listener).run();
        assertThat(result.exitCode()).isZero();

        long ourBad = 0;
        long ourReads = 0;
        long theirBad = 0;
        long theirReads = 0;
        for (int i = 0; i < members.size(); i++) {
            Path member = members.get(i);
            long size = Files.size(member);
            // GNU ddrescue -r3 in test mode on the member's fault map
            Path testMap = testMap(dir.resolve(job + "-test" + (i + 1) + ".map"), faults.get(i), size);
            String reads = job + "-dd-reads" + (i + 1) + ".log";
            Path ddMap = dir.resolve(job + "-dd" + (i + 1) + ".map");
            ToolRun dd = ToolRun.run(dir, "ddrescue", "-q", "-r3", "-H", testMap.toString(), "--log-reads=" + reads,
                    member.toString(), job + "-dd" + (i + 1) + ".img", ddMap.toString());
            assertThat(dd.exit()).as(dd.output()).isZero();
            RescueReport.Imaging g = ReadCounts.of(List.of(dir.resolve(reads)),
                    MapfileReader.read(ddMap, null).blocks(), -1);
            String prefix = "disk" + (i + 1) + "-";
            List<Path> logs;
            try (var files = Files.list(work.resolve("reads"))) {
                logs = files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
            }
            RescueReport.Imaging q = ReadCounts.of(logs,
                    MapfileReader.read(work.resolve("disk" + (i + 1) + ".map"), null).blocks(), -1);
            System.out.printf("%s: member %d (%d bad areas): bad-area reads qrescue %d, ddrescue -r3 %d; reads %d / %d%n",
                    job, i + 1, faults.get(i).size(), q.badAreaReads(), g.badAreaReads(), q.reads(), g.reads());
            ourBad += q.badAreaReads();
            ourReads += q.reads();
            theirBad += g.badAreaReads();
            theirReads += g.reads();
        }
        return new Raid5Counts(ourBad, theirBad, ourReads, theirReads);
    }

    /** The stack over the healthy members, every byte read. */
    private static StackView healthyView(List<Path> members) throws Exception {
        List<RescuePipeline.Disk> disks = new ArrayList<>();
        List<BlockMap> maps = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Path m = members.get(i);
            long size = Files.size(m);
            disks.add(new RescuePipeline.Disk(i, m, size, m, m.resolveSibling("none" + i + ".map")));
            maps.add(BlockMap.of(List.of(new StatusBlock(0, size, BlockStatus.FINISHED))));
        }
        return StackView.of(disks, maps);
    }

    /**
     * Bad areas on two of the RAID5 members, each in a stripe row no other member fails in: a 4 KiB block inside
     * thin metadata (the pool's superblock) and one inside a file's first 4 KiB on the member holding it, and one inside
     * another file's data on a second member (so parity heals every byte). Per member, in member image bytes.
     */
    private static List<List<Block>> raid5Faults(List<Path> members) throws Exception {
        List<List<Block>> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            out.add(new ArrayList<>());
        }
        try (StackView view = healthyView(members)) {
            PoolAnalysis pool = view.analysis().pools().get(0);
            MdArraySource.ImagePiece superblock = dataPiece(pool.node().tmeta().placements().get(0), 0, 4096);
            int first = superblock.imageIndex();
            out.get(first).add(new Block(superblock.imageOffset(), 4096));
            int second = -1;
            for (StackView.VolumeFiles v : view.volumes()) {
                if (v.allocation() == null) {
                    continue;
                }
                for (Ext4Allocation.Ext4File f : v.allocation().files()) {
                    if (f.path() == null || f.data().isEmpty()) {
                        continue;
                    }
                    MdArraySource.ImagePiece p = dataPiece(v.placement(), f.data().get(0).pos(), 4096);
                    int on = p.imageIndex();
                    boolean wanted = (on == first && out.get(first).size() == 1)
                            || (on != first && second < 0);
                    if (wanted && inRowsOfItsOwn(out, on, p.imageOffset())) {
                        out.get(on).add(new Block(p.imageOffset(), 4096));
                        second = on != first ? on : second;
                    }
                }
            }
            assertThat(out.get(first)).as("faults on the first member").hasSize(2);
            assertThat(second).as("a file on a second member").isNotNegative();
        }
        for (List<Block> l : out) {
            l.sort(java.util.Comparator.comparingLong(Block::pos));
        }
        return out;
    }

    /** The member piece holding the data (not the parity) of volume bytes {@code [offset, +length)}. */
    private static MdArraySource.ImagePiece dataPiece(Placement placement, long offset, long length) {
        long arrayOffset = placement.toImage().lookup(offset, length).get(0).physicalStart();
        return placement.array().imagePieces(arrayOffset, length).stream()
                .filter(p -> p.kind() == MemberUse.Kind.DATA).findFirst().orElseThrow();
    }

    /**
     * Whether a 4 KiB fault at {@code pos} of {@code member} shares no stripe row with the faults of the other members
     * (more than a 512 KiB chunk apart on every member, whose data all start at the same image offset).
     */
    private static boolean inRowsOfItsOwn(List<List<Block>> faults, int member, long pos) {
        for (int i = 0; i < faults.size(); i++) {
            if (i != member && faults.get(i).stream().anyMatch(b -> Math.abs(b.pos() - pos) <= (512 + 4) * 1024)) {
                return false;
            }
        }
        return faults.get(member).stream().noneMatch(b -> b.pos() == pos);
    }

    /** A ddrescue test-mode map ({@code -H}) of a {@code size}-byte disk failing in {@code bad}. */
    private static Path testMap(Path file, List<Block> bad, long size) throws Exception {
        List<StatusBlock> test = new ArrayList<>();
        long pos = 0;
        for (Block b : bad) {
            test.add(new StatusBlock(pos, b.pos() - pos, BlockStatus.FINISHED));
            test.add(new StatusBlock(b.pos(), b.size(), BlockStatus.BAD_SECTOR));
            pos = b.end();
        }
        test.add(new StatusBlock(pos, size - pos, BlockStatus.FINISHED));
        Files.writeString(file, MapfileWriter.toText(new Mapfile(BlockMap.of(test)),
                new MapfileHeader("test", "test", "2026-12-07 12:00:00", null)), StandardCharsets.ISO_8859_1);
        return file;
    }

    /** The fixture's files as the kernel wrote them: {@code vg1/LV/PATH} to sha256. */
    private static Map<String, String> oracle(String fixture) {
        Map<String, String> oracle = new TreeMap<>();
        for (String line : VolumeFixtures.oracle(fixture, "files.sha256").split("\n")) {
            if (!line.isBlank()) {
                oracle.put(line.substring(66), line.substring(0, 64));
            }
        }
        return oracle;
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
