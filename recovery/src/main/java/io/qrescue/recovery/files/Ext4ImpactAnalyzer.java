package io.qrescue.recovery.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Maps damaged byte ranges of an extracted ext4 volume image to what they hit: file contents (as byte ranges
 * within each file), directories, the journal, inode tables (which inodes), descriptors, bitmaps, free space.
 * Fixed structures come from the dumpe2fs layout; every other block goes to one debugfs run of batched
 * {@code icheck} commands, and the owners found to one run of {@code ncheck} + {@code stat}. Reads the image only.
 */
public final class Ext4ImpactAnalyzer {

    /** debugfs reads command lines into a BUFSIZ (8 KiB) buffer: keep each icheck/ncheck line well below it. */
    static final int NUMBERS_PER_LINE = 400;


    /**
     * Above this many damaged blocks, one {@code stat} of every inode in use (a single pass) beats icheck, which
     * scans every inode once per command line of {@link #NUMBERS_PER_LINE} blocks.
     */
    public static final int ICHECK_LIMIT_BLOCKS = 8 * NUMBERS_PER_LINE;

    private final E2fsTools tools;
    private final int icheckLimitBlocks;

    public Ext4ImpactAnalyzer(E2fsTools tools) {
        this(tools, ICHECK_LIMIT_BLOCKS);
    }

    /** For tests: switches to the all-inode scan above {@code icheckLimitBlocks} damaged blocks. */
    Ext4ImpactAnalyzer(E2fsTools tools, int icheckLimitBlocks) {
        this.tools = tools;
        this.icheckLimitBlocks = icheckLimitBlocks;
    }

    /**
     * What {@code damagedVolumeRanges} (byte offsets of {@code volumeImage}) hit.
     *
     * @throws UnreadableFilesystemException if no superblock of the image can be read
     * @throws IOException                   if the image cannot be read or the tools cannot run
     */
    public FileImpact analyze(Path volumeImage, List<ByteRange> damagedVolumeRanges) throws IOException {
        return analyze(volumeImage, damagedVolumeRanges, List.of());
    }

    /**
     * What {@code damagedVolumeRanges} hit, with the files whose damage lies (partly) in {@code unknownVolumeRanges}
     * (bytes of unknown provenance, a subset of the damaged ones) marked {@link DamagedFile#provenanceUnknown()}.
     *
     * @throws UnreadableFilesystemException if no superblock of the image can be read
     * @throws IOException                   if the image cannot be read or the tools cannot run
     */
    public FileImpact analyze(Path volumeImage, List<ByteRange> damagedVolumeRanges,
            List<ByteRange> unknownVolumeRanges) throws IOException {
        Path work = Files.createTempDirectory("qrescue-impact-");
        try {
            return analyze(volumeImage, damagedVolumeRanges, ByteRange.merged(unknownVolumeRanges), work);
        } finally {
            try (var s = Files.list(work)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private FileImpact analyze(Path image, List<ByteRange> damaged, List<ByteRange> unknown, Path work)
            throws IOException {
        Ext4Opening.Opened opened = Ext4Opening.open(tools, image, work, damaged);
        Ext4Layout layout = opened.layout();
        E2fsTools fs = opened.tools();
        long bs = layout.blockSizeBytes();
        List<String> warnings = new ArrayList<>();
        if (fs.superblock() != 0) {
            warnings.add("primary superblock unreadable; read through the backup at block " + fs.superblock());
        }
        if (layout.freeBlocks() == null) {
            warnings.add("block bitmaps unreadable: blocks no inode owns are reported as unowned, not as free");
        }
        MetadataCollector meta = new MetadataCollector();
        List<ByteRange> loose = new ArrayList<>();   // damaged bytes outside the fixed structures
        for (ByteRange range : ByteRange.merged(damaged)) {
            ByteRange inside = range.clip(0, layout.sizeBytes());
            ByteRange past = range.clip(layout.sizeBytes(), Long.MAX_VALUE);
            if (past != null) {
                meta.add(MetadataKind.OUTSIDE_FILESYSTEM, -1, -1, past, Set.of());
            }
            if (inside != null) {
                classify(inside, layout, meta, loose);
            }
        }
        long looseBlocks = 0;
        for (ByteRange r : loose) {
            looseBlocks += (r.endBytes() + bs - 1) / bs - r.offsetBytes() / bs;
        }
        Map<Long, List<ByteRange>> candidates = new LinkedHashMap<>();   // block -> damaged pieces, volume bytes
        Map<Long, Long> owners = new HashMap<>();
        Map<Long, InodeStat> stats = new HashMap<>();
        List<Long> inUse = layout.inodesInUse();
        if (looseBlocks > icheckLimitBlocks && inUse != null) {
            // one stat of every inode in use, then a walk of the damaged ranges along the inodes' runs: owned blocks
            // become candidates with their owner, unowned runs go to meta whole (e.g. the free space of a volume
            // whose rescue stopped after its files: terabytes, never one entry per block)
            InodeIndex index = indexAllInodes(image, fs, inUse, work, warnings);
            for (ByteRange r : loose) {
                index.split(r, layout, meta, candidates, owners);
            }
            for (long owner : new TreeSet<>(owners.values())) {
                stats.put(owner, index.stats().get(owner));
            }
        } else if (!loose.isEmpty()) {
            loose.forEach(r -> blocksOf(r, bs, candidates));
            List<String> commands = batched("icheck", new ArrayList<>(candidates.keySet()));
            E2fsTools.Run run = fs.debugfs(image, commands, work);
            for (DebugfsTranscript.Section s : DebugfsTranscript.sections(run.stdout())) {
                IcheckParser.read(s.lines(), owners);
            }
            noteErrors(run, warnings);
        }
        Set<Long> toName = new TreeSet<>(owners.values());
        toName.addAll(meta.inodesInTables());
        Set<Long> toStat = new TreeSet<>(owners.values());
        toStat.removeAll(stats.keySet());
        Map<Long, List<String>> paths = new HashMap<>();
        if (!toName.isEmpty()) {
            List<String> commands = batched("ncheck", new ArrayList<>(toName));
            toStat.forEach(i -> commands.add("stat <" + i + ">"));
            E2fsTools.Run run = fs.debugfs(image, commands, work);
            for (DebugfsTranscript.Section s : DebugfsTranscript.sections(run.stdout())) {
                if (s.command().startsWith("ncheck ")) {
                    NcheckParser.read(s.lines()).forEach((ino, p) -> paths.computeIfAbsent(ino, k -> new ArrayList<>())
                            .addAll(p));
                } else if (s.command().startsWith("stat ")) {
                    InodeStat st = StatParser.read(s.lines());
                    if (st != null) {
                        stats.put(st.inode(), st);
                    }
                }
            }
            noteErrors(run, warnings);
        }
        Map<Long, FileDamage> files = new TreeMap<>();
        for (Map.Entry<Long, List<ByteRange>> c : candidates.entrySet()) {
            long block = c.getKey();
            Long owner = owners.get(block);
            if (owner == null) {
                MetadataKind kind = layout.isFree(block) ? MetadataKind.FREE_SPACE : MetadataKind.IN_USE_UNOWNED;
                c.getValue().forEach(p -> meta.add(kind, -1, -1, p, Set.of()));
                continue;
            }
            InodeStat st = stats.get(owner);
            if (st == null) {
                warnings.add("inode " + owner + " owns block " + block + " but debugfs could not stat it");
                c.getValue().forEach(p -> meta.add(MetadataKind.IN_USE_UNOWNED, -1, owner, p, Set.of(owner)));
                continue;
            }
            attribute(block, c.getValue(), st, layout, meta, files, warnings);
            FileDamage d = files.get(owner);
            if (d != null && c.getValue().stream().anyMatch(p -> meets(p, unknown))) {
                d.unknown = true;
            }
        }
        Set<Long> unknownInodes = unknown.isEmpty() ? Set.of() : inodesIn(unknown, layout);
        for (long ino : meta.inodesInTables()) {
            if (paths.containsKey(ino) && ino >= layout.firstInode()) {
                FileDamage d = files.computeIfAbsent(ino, k -> new FileDamage("unknown", -1));
                d.inodeDamaged = true;
                d.unknown |= unknownInodes.contains(ino);
            }
        }
        List<DamagedFile> fileList = new ArrayList<>();
        files.forEach((ino, d) -> fileList.add(new DamagedFile(ino, paths.getOrDefault(ino, List.of()), d.type,
                d.sizeBytes, ByteRange.merged(d.ranges), d.inodeDamaged, d.mappingDamaged, d.unknown)));
        fileList.sort(Comparator.comparing(DamagedFile::displayPath));
        return new FileImpact(layout.blockSizeBytes(), layout.sizeBytes(), fs.superblock(), fileList,
                meta.build(paths, layout, bs), warnings);
    }

    /** Every inode in use by one {@code stat} each: their data runs and mapping blocks sorted by block, and the stats. */
    private static InodeIndex indexAllInodes(Path image, E2fsTools fs, List<Long> inUse, Path work,
                                             List<String> warnings) throws IOException {
        List<String> commands = new ArrayList<>(inUse.size());
        inUse.forEach(i -> commands.add("stat <" + i + ">"));
        E2fsTools.Run run = fs.debugfs(image, commands, work);
        noteErrors(run, warnings);
        List<long[]> runs = new ArrayList<>();   // {first physical block, count, inode}
        Map<Long, InodeStat> all = new HashMap<>();
        for (DebugfsTranscript.Section s : DebugfsTranscript.sections(run.stdout())) {
            InodeStat st = StatParser.read(s.lines());
            if (st == null) {
                continue;
            }
            all.put(st.inode(), st);
            st.dataRuns().forEach(r -> runs.add(new long[] {r.physicalBlock(), r.count(), st.inode()}));
            st.mappingBlocks().forEach(b -> runs.add(new long[] {b, 1, st.inode()}));
        }
        runs.sort(Comparator.comparingLong(e -> e[0]));
        return new InodeIndex(runs, all);
    }

    /** The blocks every inode in use owns ({first block, count, inode}, sorted by first block) and their stats. */
    private record InodeIndex(List<long[]> runs, Map<Long, InodeStat> stats) {

        /**
         * Walks {@code range} along the runs: each owned block becomes a candidate with its owner, each unowned
         * stretch goes to {@code meta} as free space or in-use-unowned, by the block bitmaps, in one piece per run.
         */
        void split(ByteRange range, Ext4Layout layout, MetadataCollector meta, Map<Long, List<ByteRange>> candidates,
                   Map<Long, Long> owners) {
            long bs = layout.blockSizeBytes();
            long block = range.offsetBytes() / bs;
            long end = (range.endBytes() + bs - 1) / bs;
            int i = Math.max(0, firstStartingAfter(block) - 1);
            while (block < end) {
                while (i < runs.size() && runs.get(i)[0] + runs.get(i)[1] <= block) {
                    i++;
                }
                if (i < runs.size() && runs.get(i)[0] <= block) {
                    long runEnd = Math.min(end, runs.get(i)[0] + runs.get(i)[1]);
                    for (; block < runEnd; block++) {
                        candidates.computeIfAbsent(block, k -> new ArrayList<>())
                                .add(range.clip(block * bs, (block + 1) * bs));
                        owners.put(block, runs.get(i)[2]);
                    }
                } else {
                    long next = i < runs.size() ? Math.min(end, runs.get(i)[0]) : end;
                    unowned(range.clip(block * bs, next * bs), layout, meta);
                    block = next;
                }
            }
        }

        private int firstStartingAfter(long block) {
            int lo = 0;
            int hi = runs.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (runs.get(mid)[0] <= block) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** Bytes no inode owns: free space where the block bitmaps say so, in use but unowned elsewhere. */
    private static void unowned(ByteRange range, Ext4Layout layout, MetadataCollector meta) {
        long bs = layout.blockSizeBytes();
        long cursor = range.offsetBytes();
        for (Ext4Layout.BlockRun free : layout.freeRunsIn(range.offsetBytes() / bs, (range.endBytes() + bs - 1) / bs)) {
            ByteRange inFree = range.clip(free.first() * bs, free.end() * bs);
            if (inFree == null) {
                continue;
            }
            if (cursor < inFree.offsetBytes()) {
                meta.add(MetadataKind.IN_USE_UNOWNED, -1, -1,
                        new ByteRange(cursor, inFree.offsetBytes() - cursor), Set.of());
            }
            meta.add(MetadataKind.FREE_SPACE, -1, -1, inFree, Set.of());
            cursor = inFree.endBytes();
        }
        if (cursor < range.endBytes()) {
            meta.add(MetadataKind.IN_USE_UNOWNED, -1, -1, new ByteRange(cursor, range.endBytes() - cursor), Set.of());
        }
    }

    /** Fixed structures go straight to {@code meta}; every other byte goes to {@code loose}, to find its owner. */
    private static void classify(ByteRange range, Ext4Layout layout, MetadataCollector meta, List<ByteRange> loose) {
        long bs = layout.blockSizeBytes();
        long firstBlock = range.offsetBytes() / bs;
        long endBlock = (range.endBytes() + bs - 1) / bs;
        List<Ext4Layout.Area> areas = layout.areasIn(firstBlock, endBlock);
        long cursor = range.offsetBytes();
        for (Ext4Layout.Area a : areas) {
            ByteRange inArea = range.clip(a.firstBlock() * bs, a.endBlock() * bs);
            if (inArea == null) {
                continue;
            }
            if (cursor < inArea.offsetBytes()) {
                loose.add(new ByteRange(cursor, inArea.offsetBytes() - cursor));
            }
            cursor = Math.max(cursor, inArea.endBytes());
            switch (a.kind()) {
                case SUPERBLOCK -> primarySuperblock(inArea, meta);
                case INODE_TABLE -> {
                    long startByte = a.firstBlock() * bs;
                    long firstIndex = (inArea.offsetBytes() - startByte) / layout.inodeSizeBytes();
                    long lastIndex = (inArea.endBytes() - 1 - startByte) / layout.inodeSizeBytes();
                    Set<Long> inodes = new TreeSet<>();
                    for (long i = firstIndex; i <= lastIndex; i++) {
                        long ino = a.group() * layout.inodesPerGroup() + i + 1;
                        if (ino <= layout.inodesCount()) {
                            inodes.add(ino);
                        }
                    }
                    meta.add(MetadataKind.INODE_TABLE, a.group(), -1, inArea, inodes);
                }
                default -> meta.add(a.kind(), a.group(), -1, inArea, Set.of());
            }
        }
        if (cursor < range.endBytes()) {
            loose.add(new ByteRange(cursor, range.endBytes() - cursor));
        }
    }

    /** The superblock is bytes 1024-2047 whatever the block size; the rest of its block is boot area or padding. */
    private static void primarySuperblock(ByteRange r, MetadataCollector meta) {
        ByteRange before = r.clip(0, 1024);
        ByteRange sb = r.clip(1024, 2048);
        ByteRange after = r.clip(2048, Long.MAX_VALUE);
        if (before != null) {
            meta.add(MetadataKind.UNUSED, 0, -1, before, Set.of());
        }
        if (sb != null) {
            meta.add(MetadataKind.SUPERBLOCK, 0, -1, sb, Set.of());
        }
        if (after != null) {
            meta.add(MetadataKind.UNUSED, 0, -1, after, Set.of());
        }
    }

    private static void blocksOf(ByteRange r, long bs, Map<Long, List<ByteRange>> candidates) {
        for (long b = r.offsetBytes() / bs; b * bs < r.endBytes(); b++) {
            ByteRange piece = r.clip(b * bs, (b + 1) * bs);
            candidates.computeIfAbsent(b, k -> new ArrayList<>()).add(piece);
        }
    }

    /** Puts the damaged pieces of {@code block}, owned by the inode {@code st} describes, where they belong. */
    private static void attribute(long block, List<ByteRange> pieces, InodeStat st, Ext4Layout layout,
                                  MetadataCollector meta, Map<Long, FileDamage> files, List<String> warnings) {
        long bs = layout.blockSizeBytes();
        long ino = st.inode();
        if (st.mappingBlocks().contains(block)) {
            pieces.forEach(p -> meta.add(MetadataKind.FILE_MAPPING, -1, ino, p, Set.of(ino)));
            if (ino >= layout.firstInode() && !st.isDirectory()) {
                files.computeIfAbsent(ino, k -> new FileDamage(st.type(), st.sizeBytes())).mappingDamaged = true;
            }
            return;
        }
        InodeStat.DataRun run = null;
        for (InodeStat.DataRun r : st.dataRuns()) {
            if (block >= r.physicalBlock() && block < r.physicalBlock() + r.count()) {
                run = r;
                break;
            }
        }
        if (run == null) {
            warnings.add("icheck says inode " + ino + " owns block " + block + " but its block list does not show it");
            pieces.forEach(p -> meta.add(MetadataKind.IN_USE_UNOWNED, -1, ino, p, Set.of(ino)));
            return;
        }
        long logical = run.logicalBlock() + (block - run.physicalBlock());
        if (ino == layout.journalInode()) {
            pieces.forEach(p -> meta.add(MetadataKind.JOURNAL, -1, ino, p, Set.of(ino)));
            return;
        }
        if (ino < layout.firstInode() && ino != 2) {
            pieces.forEach(p -> meta.add(MetadataKind.RESERVED_INODE, -1, ino, p, Set.of(ino)));
            return;
        }
        if (st.isDirectory()) {
            pieces.forEach(p -> meta.addDirectory(ino, p, logical * bs + (p.offsetBytes() - block * bs)));
            return;
        }
        FileDamage d = files.computeIfAbsent(ino, k -> new FileDamage(st.type(), st.sizeBytes()));
        for (ByteRange p : pieces) {
            long fileOffset = logical * bs + (p.offsetBytes() - block * bs);
            ByteRange inFile = new ByteRange(fileOffset, p.lengthBytes()).clip(0, st.sizeBytes());
            if (inFile != null) {
                d.ranges.add(inFile);
            }
        }
        if (d.ranges.isEmpty() && !d.mappingDamaged && !d.inodeDamaged) {
            files.remove(ino);   // only slack past the end of the file's last block
        }
    }

    private static boolean meets(ByteRange r, List<ByteRange> ranges) {
        return ranges.stream().anyMatch(x -> x.clip(r.offsetBytes(), r.endBytes()) != null);
    }

    /** The inodes whose records lie in {@code ranges} of the inode tables. */
    private static Set<Long> inodesIn(List<ByteRange> ranges, Ext4Layout layout) {
        long bs = layout.blockSizeBytes();
        Set<Long> out = new TreeSet<>();
        for (ByteRange range : ranges) {
            ByteRange inside = range.clip(0, layout.sizeBytes());
            if (inside == null) {
                continue;
            }
            long first = inside.offsetBytes() / bs;
            long end = (inside.endBytes() + bs - 1) / bs;
            for (Ext4Layout.Area a : layout.areasIn(first, end)) {
                ByteRange in = a.kind() == MetadataKind.INODE_TABLE ? inside.clip(a.firstBlock() * bs, a.endBlock() * bs)
                        : null;
                if (in == null) {
                    continue;
                }
                long startByte = a.firstBlock() * bs;
                for (long i = (in.offsetBytes() - startByte) / layout.inodeSizeBytes();
                        i <= (in.endBytes() - 1 - startByte) / layout.inodeSizeBytes(); i++) {
                    out.add(a.group() * layout.inodesPerGroup() + i + 1);
                }
            }
        }
        return out;
    }

    private static List<String> batched(String command, List<Long> numbers) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += NUMBERS_PER_LINE) {
            lines.add(command + " " + numbers.subList(i, Math.min(numbers.size(), i + NUMBERS_PER_LINE)).stream()
                    .map(String::valueOf).collect(Collectors.joining(" ")));
        }
        return lines;
    }

    private static void noteErrors(E2fsTools.Run run, List<String> warnings) {
        run.stderr().lines().filter(l -> !l.isBlank() && !l.startsWith("debugfs 1.")).distinct().limit(20)
                .forEach(l -> warnings.add("debugfs: " + l.trim()));
    }

    /** Damage collected for one file. */
    private static final class FileDamage {
        final String type;
        final long sizeBytes;
        final List<ByteRange> ranges = new ArrayList<>();
        boolean inodeDamaged;
        boolean mappingDamaged;
        boolean unknown;

        FileDamage(String type, long sizeBytes) {
            this.type = type;
            this.sizeBytes = sizeBytes;
        }
    }
}
