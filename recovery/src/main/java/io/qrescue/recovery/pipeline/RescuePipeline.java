package io.qrescue.recovery.pipeline;

import io.qrescue.recovery.files.FileTrees;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.BlockDevices;
import io.qrescue.imager.device.OpenOptions;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.ImagingResult;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileNotReadableException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.MetadataDomain;
import io.qrescue.recovery.analysis.DamageReport;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.analysis.VolumeHealth;
import io.qrescue.recovery.files.ByteRange;
import io.qrescue.recovery.files.E2fsTools;
import io.qrescue.recovery.files.Ext4FileExtractor;
import io.qrescue.recovery.files.Ext4ImpactAnalyzer;
import io.qrescue.recovery.files.FileImpact;
import io.qrescue.recovery.files.UnreadableFilesystemException;
import io.qrescue.recovery.report.RescueReport;
import io.qrescue.recovery.report.ReportWriter;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.volume.DamageSummary;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.volume.ExtractionListener;
import io.qrescue.recovery.volume.ExtractionRequest;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.volume.VolumeExtractor;
import io.qrescue.recovery.stack.luks.LuksKeys;
import io.qrescue.recovery.stack.luks.LuksProbe;
import io.qrescue.recovery.stack.luks.LuksUnlockException;
import io.qrescue.recovery.stack.luks.LuksUnlocker;
import io.qrescue.recovery.stack.luks.LuksVolume;
import io.qrescue.recovery.stack.luks.Passphrase;
import io.qrescue.recovery.stack.luks.UnsupportedLuksException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Runs a rescue job's stages in order (see the package documentation); a rerun continues where one stopped. */
public final class RescuePipeline {

    static final String DISCOVER = "discover";
    static final String IMAGE = "image";
    static final String OUTPUTS = "outputs";
    static final String VM = "vm";
    /** The code of a job stopped by a signal (SIGINT, SIGTERM, SIGHUP) during an imaging run; the map is saved. */
    public static final int INTERRUPTED = 130;
    /** State key of what the VM step copied: "vg/lv:files:bytes" entries joined by ','. */
    static final String VM_COPIED = "vm.copied";

    /** The fallback of a pipeline made without one: it says so instead of running. */
    static final VmFallback NO_FALLBACK = new VmFallback() {
        @Override
        public Optional<String> missing() {
            return Optional.of("no recovery VM was set up for this job");
        }

        @Override
        public Copy copy(Request request, Path outDir) throws IOException {
            throw new IOException("no recovery VM was set up for this job");
        }
    };

    private final PipelineOptions options;
    private final ImagingStep imaging;
    private final PipelineListener listener;
    private final VmFallback fallback;
    private final Workdir work;
    private final E2fsTools e2fs;
    /** The files complete after the last imaging run ("vg/lv/path"); null before the first look. */
    private java.util.Set<String> completeFiles;
    private List<RescueReport.VolumeProgress> lastProgress = List.of();
    /** What imaging each disk cost, as the last progress.json says it (the report takes it from there). */
    private List<RescueReport.Imaging> lastImaging = List.of();
    private LuksKeys luksKeys = new LuksKeys();
    /** The job's disks, once {@link #run} has found them. */
    private List<Disk> jobDisks = List.of();

    public RescuePipeline(PipelineOptions options, ImagingStep imaging, PipelineListener listener) {
        this(options, imaging, listener, NO_FALLBACK);
    }

    /** A pipeline that hands the volumes the Java readers cannot place to {@code fallback} (see {@link VmFallback}). */
    public RescuePipeline(PipelineOptions options, ImagingStep imaging, PipelineListener listener,
            VmFallback fallback) {
        this(options, imaging, listener, fallback, new E2fsTools());
    }

    RescuePipeline(PipelineOptions options, ImagingStep imaging, PipelineListener listener, VmFallback fallback,
            E2fsTools e2fs) {
        this.options = options;
        this.imaging = imaging;
        this.listener = listener;
        this.fallback = fallback;
        this.work = new Workdir(options.workdir(), options.sources().size());
        this.e2fs = e2fs;
    }

    /**
     * The secrets for encrypted volumes: each LUKS volume they open is extracted decrypted and its files copied; the
     * others are extracted as stored (ciphertext), with a note. Returns this pipeline.
     */
    public RescuePipeline withLuksKeys(LuksKeys keys) {
        this.luksKeys = keys;
        return this;
    }

    public Workdir workdir() {
        return work;
    }

    /**
     * Runs every stage not yet done, in order: the sources, discovery (the stack's metadata imaged first, round
     * after round, then retried), the whole disks, the analysis of the rescued images, and the outputs (volumes,
     * files, the recovery VM's copies, the report).
     *
     * @throws IOException      naming the file, when the work directory or an output cannot be written, or the
     *                          sources are not the ones the job was started on
     * @throws MapfileException when a mapfile of the job is corrupt
     */
    public PipelineResult run() throws IOException, MapfileException, InterruptedException {
        List<Disk> disks = disks(); // a source that cannot be opened leaves no work directory behind
        Files.createDirectories(work.dir());
        PipelineState state = PipelineState.load(work.state());
        jobDisks = disks;
        checkSources(state, disks);
        int code = discoverStage(state, disks);
        if (code == INTERRUPTED) {
            progress(disks, state);
        }
        if (code != 0) {
            return failed(code);
        }
        for (ImagingRound round : List.of(ImagingRound.FILES, ImagingRound.VOLUMES, ImagingRound.DISK)) {
            if (round.compareTo(options.until()) > 0) {
                listener.stage(IMAGE, "stopping after the " + options.until().key() + " round (--until); run again "
                        + "with a later --until to continue", false);
                break;
            }
            code = roundStage(state, disks, round);
            if (code != 0) {
                return failed(code);
            }
        }
        Rescued rescued = rescued(disks);
        // secrets given on a rerun redo the outputs; the fingerprint says only how many passphrases, never them
        String fingerprint = fingerprint(rescued.maps()) + " vm=" + options.vm().name().toLowerCase(java.util.Locale.ROOT)
                + (luksKeys.isEmpty() ? "" : " luks-keys=" + luksKeys.count());
        boolean upToDate = state.isDone(OUTPUTS, fingerprint) && Files.exists(work.reportHtml());
        try (Analysed analysed = analyse(rescued)) {
            if (upToDate) {
                listener.stage(OUTPUTS, "volumes, files and report are up to date for these mapfiles", true);
                // nothing is redone, but a job whose outputs hold bytes of unknown provenance still says so
                return new PipelineResult(0, analysed.analysis(), analysed.damage(), doubted(analysed.analysis()),
                        null, true, null);
            }
            return outputStage(state, analysed, fingerprint);
        }
    }

    /** One source of the job: the disk (or an image of it), its size, and where it is imaged. */
    record Disk(int index, Path source, long sizeBytes, Path image, Path mapfile) {

        /** The image's file name, as the analysis and the report name the disk. */
        String name() {
            return image.getFileName().toString();
        }
    }

    /** The rescued images of every disk with their mapfiles, as the imaging stages left them. */
    record Rescued(List<Disk> disks, List<Mapfile> maps) {

        List<String> names() {
            return disks.stream().map(Disk::name).toList();
        }

        List<Readability> readability() {
            return maps.stream().map(m -> Readability.of(m.blocks())).toList();
        }
    }

    /** The stack read over the rescued images, and what each unreadable region costs; closes the images. */
    record Analysed(Rescued rescued, List<ImageSource> images, StackAnalysis analysis, DamageReport damage)
            implements AutoCloseable {

        @Override
        public void close() throws IOException {
            for (ImageSource image : images) {
                image.close();
            }
        }
    }

    /** Stage 0: the sources, each with its size (read from the device) and its image and mapfile. */
    private List<Disk> disks() throws IOException {
        List<Disk> disks = new ArrayList<>();
        for (int i = 0; i < options.sources().size(); i++) {
            Path source = options.sources().get(i);
            disks.add(new Disk(i, source, sourceSize(source), work.image(i), work.mapfile(i)));
        }
        return disks;
    }

    /** Stage 1: the stack's metadata imaged first and retried; returns the failing imaging run's code, or 0. */
    private int discoverStage(PipelineState state, List<Disk> disks) throws IOException, MapfileException {
        if (state.isDone(DISCOVER, "1")) {
            listener.stage(DISCOVER, "metadata areas imaged and retried", true);
            return 0;
        }
        int code = discover(disks, state);
        if (code == 0) {
            state.markDone(DISCOVER, "1");
        }
        return code;
    }

    /**
     * Stage 2: one imaging round (files, volumes, disk) on every disk, each a ddrescue domain from the stack as
     * imaged so far; returns the failing imaging run's code (or {@link #INTERRUPTED}), or 0.
     */
    private int roundStage(PipelineState state, List<Disk> disks, ImagingRound round)
            throws IOException, MapfileException {
        String key = "round." + round.key();
        if (state.isDone(key, "1")) {
            listener.stage(round.key(), "imaged", true);
            return 0;
        }
        RescueOptions fileData = options.imageOptions().toBuilder().maxRetries(options.retries()).build();
        // free space: bad areas there are trimmed but never scraped or retried (nothing of value lies there)
        RescueOptions freeSpace = copyOnly(options.imageOptions());
        List<Run> runs = new ArrayList<>();
        java.util.Set<Integer> healing = new java.util.HashSet<>();
        try (StackView view = StackView.of(disks, currentMaps(disks))) {
            HealedAreas arrays = HealedAreas.of(view.analysis());
            for (Disk d : disks) {
                long size = d.sizeBytes();
                if (arrays.covers(d.index())) {
                    healing.add(d.index());
                }
                switch (round) {
                    case FILES -> runs.add(new Run(d, "files", view.files(d.index(), size), fileData,
                            "the data of every file"));
                    case VOLUMES -> {
                        runs.add(new Run(d, "volumes-unknown", view.volumes(d.index(), size, false), fileData,
                                "the volumes whose files are unknown, whole"));
                        runs.add(new Run(d, "volumes", view.volumes(d.index(), size, true), freeSpace,
                                "the rest of every volume (free filesystem space: no scraping, no retries)"));
                    }
                    default -> runs.add(new Run(d, "disk", null, freeSpace,
                            "the rest of the disk (space no volume uses: no scraping, no retries)"));
                }
            }
        }
        if (completeFiles == null) {
            progress(disks, state); // what was complete before this run: only files completing now are told
        }
        List<Run> split = new ArrayList<>();
        for (Run r : runs) {
            RescueOptions o = r.options();
            // a member of an array with redundancy: copy passes and trimming first, the rest where nothing heals
            boolean twoPasses = r.domain() != null && healing.contains(r.disk().index()) && scrapesOrRetries(o);
            if (r.domain() != null) {
                if (finishedBytes(r.domain()) == 0) {
                    continue;
                }
                Path domainFile = work.roundDomain(r.disk().index(), r.name());
                writeDomain(domainFile, r.domain());
                o = o.toBuilder().domainMapfile(Optional.of(domainFile.toString())).build();
            }
            if (twoPasses) {
                o = copyOnly(o);
                split.add(r);
            }
            String on = disks.size() == 1 ? "" : " of disk " + (r.disk().index() + 1);
            listener.stage(round.key(), "imaging " + r.what() + on
                    + (r.domain() == null ? "" : " (" + finishedBytes(r.domain()) + " bytes)") + ", "
                    + (twoPasses ? "copy passes and trimming first (scraping and " + r.options().maxRetries()
                            + " retry pass(es) after, where the array does not heal it)"
                            : o.maxRetries() + " retry pass(es)"), false);
            int code = image(r.disk(), o, round);
            progress(disks, state);
            if (code != 0) {
                return code;
            }
        }
        int code = healingPasses(disks, split, round, state);
        if (code != 0) {
            return code;
        }
        state.markDone(key, "1");
        return 0;
    }

    /**
     * One imaging run to make: {@code disk} over {@code domain} (null: the whole disk) with {@code options}; its name
     * names the domain file, {@code what} says what it reads.
     */
    private record Run(Disk disk, String name, BlockMap domain, RescueOptions options, String what) {
    }

    /** The run's options with copy passes and trimming only: no scraping, no retries. */
    private static RescueOptions copyOnly(RescueOptions o) {
        return o.toBuilder().noScrape(true).maxRetries(0).build();
    }

    private static boolean scrapesOrRetries(RescueOptions o) {
        return !o.noScrape() || o.maxRetries() != 0;
    }

    /**
     * The second half of the runs over array members that had only copy passes and trimming ({@code split}): first
     * the other members' shares of the stripe rows (or the other copies) of what each left unread, copy passes only,
     * so the arrays can tell what they heal; then each run again with its own scraping and retries, over its domain
     * less the member bytes the other members give back (left unfinished in the member's map: the arrays heal them
     * when read). Returns the failing imaging run's code, or 0.
     */
    private int healingPasses(List<Disk> disks, List<Run> split, ImagingRound round, PipelineState state)
            throws IOException, MapfileException {
        if (split.isEmpty()) {
            return 0;
        }
        String stage = round == ImagingRound.METADATA ? DISCOVER : round.key();
        List<List<Block>> partners = new ArrayList<>();
        disks.forEach(d -> partners.add(new ArrayList<>()));
        try (StackView view = StackView.of(disks, currentMaps(disks))) {
            HealedAreas arrays = HealedAreas.of(view.analysis());
            for (Run r : split) {
                int i = r.disk().index();
                for (HealedAreas.Area a : arrays.partners(i, currentMap(i), r.domain())) {
                    partners.get(a.imageIndex()).add(a.bytes());
                }
            }
        }
        for (Disk d : disks) {
            BlockMap domain = MetadataDomain.covering(partners.get(d.index()), d.sizeBytes());
            if (partners.get(d.index()).isEmpty() || !ReadFirstDomain.hasUntried(domain, currentMap(d.index()))) {
                continue;
            }
            Path file = work.roundDomain(d.index(), round.key() + "-partners");
            writeDomain(file, domain);
            listener.stage(stage, "imaging the stripe rows and copies that heal the other members' bad areas, on disk "
                    + (d.index() + 1) + " (" + finishedBytes(domain) + " bytes), no scraping, no retries", false);
            int code = image(d, copyOnly(options.imageOptions()).toBuilder()
                    .domainMapfile(Optional.of(file.toString())).build(), round);
            if (code != 0) {
                return code;
            }
        }
        for (Run r : split) {
            int i = r.disk().index();
            BlockMap map = currentMap(i);
            List<Block> healed;
            try (StackView view = StackView.of(disks, currentMaps(disks))) {
                healed = HealedAreas.of(view.analysis()).healed(i, map, r.domain());
            }
            BlockMap rest = HealedAreas.without(r.domain(), healed);
            long left = HealedAreas.unfinishedBytes(map, rest);
            if (!healed.isEmpty()) {
                listener.note("disk " + (i + 1) + ": " + HealedAreas.bytes(healed) + " bytes of " + r.what()
                        + " not read yet are healed by the other members of the array: not scraped or retried");
            }
            if (left == 0) {
                continue;
            }
            Path file = work.roundDomain(i, r.name() + "-unhealed");
            writeDomain(file, rest);
            listener.stage(stage, "scraping and retrying " + r.what() + " of disk " + (i + 1) + " where the array "
                    + "does not heal it (" + left + " bytes), " + r.options().maxRetries() + " retry pass(es)", false);
            int code = image(r.disk(), r.options().toBuilder().domainMapfile(Optional.of(file.toString())).build(),
                    round);
            if (state != null) {
                progress(disks, state);
            }
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    /** The images padded to their disks' sizes, with their mapfiles read. */
    private Rescued rescued(List<Disk> disks) throws IOException, MapfileException {
        List<Mapfile> maps = new ArrayList<>();
        for (Disk d : disks) {
            padImage(d);
            maps.add(MapfileReader.read(d.mapfile(), d.mapfile().toString(), null));
        }
        return new Rescued(disks, maps);
    }

    /** Stage 3: the storage stack over the rescued images and the cost of every unreadable region. */
    private Analysed analyse(Rescued rescued) throws IOException {
        List<ImageSource> images = new ArrayList<>();
        try {
            List<NamedImage> named = new ArrayList<>();
            List<Readability> readability = rescued.readability();
            for (Disk d : rescued.disks()) {
                ImageSource image = FileImageSource.open(d.image());
                images.add(image);
                // the analysis reads through the maps: an md array takes bytes a member lacks from the others
                named.add(new NamedImage(d.name(), RescuedImage.of(d.name(), image, readability.get(d.index()))));
            }
            listener.stage("analyse", "reading the storage stack", false);
            StackAnalysis analysis = StackAnalysis.analyze(named);
            return new Analysed(rescued, images, analysis, DamageReport.of(analysis, readability));
        } catch (IOException | RuntimeException e) {
            for (ImageSource image : images) {
                image.close();
            }
            throw e;
        }
    }

    /** Stage 4: every volume extracted and its files copied, the recovery VM's copies, the report. */
    private PipelineResult outputStage(PipelineState state, Analysed analysed, String fingerprint)
            throws IOException, MapfileException, InterruptedException {
        Rescued rescued = analysed.rescued();
        state.forget(OUTPUTS);
        List<Readability> readability = rescued.readability();
        ReportAssembler report = new ReportAssembler(rescued.names(), rescued.maps(), analysed.analysis(),
                analysed.damage());
        progress(rescued.disks(), state);
        report.imaging(lastImaging); // progress() just counted them over the same maps
        report.progress(lastProgress);
        for (RescueReport.VolumeProgress p : lastProgress) {
            report.note(p.volume() + ": " + p.complete().size() + " of " + p.filesTotal() + " files complete, "
                    + p.fileBytesLeft() + " bytes of file data left");
        }
        if (options.until() != ImagingRound.DISK) {
            report.note("imaging stopped after the " + options.until().key() + " round (--until="
                    + options.until().key() + "); the rest of the disk is not read yet");
        }
        List<PipelineResult.VolumeOutcome> outcomes = new ArrayList<>();
        for (AnalyzedVolume v : analysed.analysis().volumes()) {
            outcomes.add(volume(v, readability, report, analysed.damage(), analysed.analysis().luks().get(v.name())));
        }
        String vmProblem = new FallbackStep(options, fallback, listener, work, state)
                .run(analysed.analysis(), readability, rescued.names(),
                        rescued.disks().stream().map(Disk::sizeBytes).toList(), fingerprint, report, outcomes);
        RescueReport written = report.build();
        ReportWriter.write(written, work.reportHtml(), work.reportJson());
        listener.note("report: " + work.reportHtml());
        if (vmProblem == null) {
            // a job whose VM step could not run is not up to date: the next run tries it again
            state.markDone(OUTPUTS, fingerprint);
        }
        return new PipelineResult(0, analysed.analysis(), analysed.damage(), outcomes, written, false, vmProblem);
    }

    /** The volumes whose outputs hold bytes of unknown provenance, each with one line saying how many and why. */
    private List<PipelineResult.VolumeOutcome> doubted(StackAnalysis analysis) {
        List<PipelineResult.VolumeOutcome> doubted = new ArrayList<>();
        for (AnalyzedVolume v : analysis.volumes()) {
            MappedSource source = v.open();
            String doubt = source == null ? null : DamageSummary.of(source.damageIn(0, source.size())).unknownLine();
            if (doubt != null) {
                boolean extracted = Files.exists(work.volumeImage(v.name()));
                doubted.add(new PipelineResult.VolumeOutcome(v.name(), work.volumeImage(v.name()).toString(),
                        v.sizeBytes(), source.damagedBytes(), -1, 0, null, false,
                        doubt + (extracted ? "; marked non-tried in its mapfile" : "; not extracted")));
            }
        }
        return doubted;
    }

    private static PipelineResult failed(int code) {
        return new PipelineResult(code, null, null, List.of(), null, false, null);
    }

    /**
     * Refuses sources that are not the ones this work directory's job was started on: another count, another
     * size, or (with several) another path or order; a one-source job keeps its old check of the mapfile's size.
     */
    private void checkSources(PipelineState state, List<Disk> disks) throws IOException, MapfileException {
        int count = disks.size();
        List<String> given = new ArrayList<>();
        for (Disk d : disks) {
            given.add(d.source().toAbsolutePath() + " " + d.sizeBytes());
        }
        String before = state.value("sources");
        String oneBefore = state.value("source");
        if (count == 1) {
            if (before != null) {
                throw differentSources(before, given);
            }
            if (!state.isDone("source", given.get(0)) && Files.exists(work.mapfile())) {
                BlockMap map = MapfileReader.read(work.mapfile(), work.mapfile().toString(), null).blocks();
                if (!map.isEmpty() && map.extent().end() != disks.get(0).sizeBytes()) {
                    throw new IOException(work.mapfile() + ": this job's mapfile covers " + map.extent().end()
                            + " bytes but " + options.sources().get(0) + " has " + disks.get(0).sizeBytes()
                            + ": a different disk?");
                }
            }
            state.markDone("source", given.get(0));
            return;
        }
        String list = String.join(" | ", given);
        if (oneBefore != null) {
            throw differentSources(oneBefore, given);
        }
        if (before != null && !before.equals(list)) {
            throw differentSources(before, given);
        }
        state.markDone("sources", list);
    }

    private IOException differentSources(String before, List<String> given) {
        return new IOException(work.dir() + ": this job was started on " + describe(before) + " but is now given "
                + describe(String.join(" | ", given)) + ": different disks, or another order? Give the same sources "
                + "in the same order, or use a new WORKDIR");
    }

    /** "PATH SIZE | PATH SIZE" as "PATH (SIZE bytes), PATH (SIZE bytes)". */
    private static String describe(String list) {
        List<String> out = new ArrayList<>();
        for (String entry : list.split(" \\| ")) {
            int space = entry.lastIndexOf(' ');
            out.add(space < 0 ? entry : entry.substring(0, space) + " (" + entry.substring(space + 1) + " bytes)");
        }
        return out.size() + " source(s) " + String.join(", ", out);
    }

    /**
     * Images what the stack's metadata and the filesystems' own metadata need on every source, round after round
     * (each look over all the images, read through their maps, shows where the next layer lies: partition tables,
     * md, LVM, the thin pool's metadata, then ext4's superblock, descriptors, bitmaps, inode tables, directories,
     * extent trees, journal), then retries it {@code --metadata-retries} times; metadata a retry recovers may show
     * more, so it looks again until nothing new turns up. Returns the first failing imaging run's code, or 0.
     */
    private int discover(List<Disk> disks, PipelineState state) throws IOException, MapfileException {
        int count = disks.size();
        RescueOptions first = options.imageOptions();
        for (int pass = 0; pass < options.maxDiscoveryRounds(); pass++) {
            boolean foundNew = false;
            for (int round = 1; round <= options.maxDiscoveryRounds(); round++) {
                java.util.Set<Integer> healing = new java.util.HashSet<>();
                List<BlockMap> domains = metadataDomains(disks, healing);
                boolean any = false;
                List<Run> split = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (!ReadFirstDomain.hasUntried(domains.get(i), currentMap(i))) {
                        continue;
                    }
                    any = true;
                    // a member of an array with redundancy: copy passes and trimming first, the rest where nothing heals
                    boolean twoPasses = healing.contains(i) && scrapesOrRetries(first);
                    writeDomain(work.metadataDomain(i), domains.get(i));
                    listener.stage(DISCOVER, "round " + round + ": imaging " + finishedBytes(domains.get(i))
                            + " bytes" + (count == 1 ? "" : " of disk " + (i + 1))
                            + " where the stack's or a filesystem's metadata is or may be"
                            + (twoPasses ? ", copy passes and trimming first" : ""), false);
                    RescueOptions run = first.toBuilder()
                            .domainMapfile(Optional.of(work.metadataDomain(i).toString())).build();
                    if (twoPasses) {
                        run = copyOnly(run);
                        split.add(new Run(disks.get(i), "metadata", domains.get(i), first,
                                "the metadata areas"));
                    }
                    int code = image(disks.get(i), run, ImagingRound.METADATA);
                    if (code != 0) {
                        return code;
                    }
                }
                if (!any) {
                    break;
                }
                int code = healingPasses(disks, split, ImagingRound.METADATA, null);
                if (code != 0) {
                    return code;
                }
                foundNew = true;
            }
            if (pass > 0 && !foundNew) {
                break;
            }
            // the retries go over the metadata found, not over the places it was looked for, nor over the bytes of
            // array members that the other members heal
            List<BlockMap> known = new ArrayList<>();
            List<Long> healedBytes = new ArrayList<>();
            List<BlockMap> maps = currentMaps(disks);
            try (StackView view = StackView.of(disks, maps)) {
                HealedAreas arrays = HealedAreas.of(view.analysis());
                for (Disk d : disks) {
                    BlockMap domain = ReadFirstDomain.known(view.analysis(), d.index(), d.sizeBytes(),
                            view.filesystemMetadata(d.index()));
                    List<Block> healed = arrays.covers(d.index())
                            ? arrays.healed(d.index(), maps.get(d.index()), domain) : List.of();
                    known.add(HealedAreas.without(domain, healed));
                    healedBytes.add(HealedAreas.bytes(healed));
                }
            }
            for (int i = 0; i < count; i++) {
                if (finishedBytes(known.get(i)) == 0) {
                    continue;
                }
                if (healedBytes.get(i) > 0) {
                    listener.note("disk " + (i + 1) + ": " + healedBytes.get(i) + " bytes of metadata not read yet "
                            + "are healed by the other members of the array: not retried");
                }
                Path domain = work.roundDomain(i, "metadata-retry");
                writeDomain(domain, known.get(i));
                listener.stage(DISCOVER, "retrying bad sectors in metadata areas" + (count == 1 ? "" : " of disk "
                        + (i + 1)) + ", " + options.metadataRetries() + " pass(es)", false);
                int code = image(disks.get(i), options.imageOptions().toBuilder()
                        .domainMapfile(Optional.of(domain.toString()))
                        .maxRetries(options.metadataRetries()).build(), ImagingRound.METADATA);
                if (code != 0) {
                    return code;
                }
            }
        }
        progress(disks, state);
        return 0;
    }

    /**
     * The read-first domain of every disk from the stack as imaged so far, filesystems' metadata included; adds to
     * {@code healing} the disks that hold a member of an array with redundancy (see {@link HealedAreas#covers}).
     */
    private List<BlockMap> metadataDomains(List<Disk> disks, java.util.Set<Integer> healing)
            throws IOException, MapfileException {
        for (Disk d : disks) {
            if (Files.exists(d.image())) {
                padImage(d);
            }
        }
        List<BlockMap> domains = new ArrayList<>();
        try (StackView view = StackView.of(disks, currentMaps(disks))) {
            HealedAreas arrays = HealedAreas.of(view.analysis());
            for (Disk d : disks) {
                domains.add(ReadFirstDomain.of(view.analysis(), d.index(), d.sizeBytes(),
                        view.filesystemMetadata(d.index())));
                if (arrays.covers(d.index())) {
                    healing.add(d.index());
                }
            }
        }
        return domains;
    }

    /**
     * One imaging run of {@code disk} into its image and mapfile, its reads logged for the job's counters; returns
     * the exit code, or {@link #INTERRUPTED} when a signal stopped it (the map is saved).
     */
    private int image(Disk disk, RescueOptions run, ImagingRound round) throws IOException {
        String source = disk.source().toString();
        String image = disk.image().toString();
        String mapfile = disk.mapfile().toString();
        String commandLine = "qrescue rescue (imaging " + source + " to " + image + ")";
        Files.createDirectories(work.readsDir());
        Path log = work.readsLog(disk.index(), readsLogs(disk).size() + 1, round.key());
        ImagingRequest request = new ImagingRequest(source, image, Optional.of(mapfile),
                run.toBuilder().readLog(Optional.of(log.toString())).build(), options.own(), commandLine);
        LiveFileCompletion live = liveFiles(disk, round);
        ImagingResult result = live == null ? imaging.image(request) : imaging.image(request, live);
        if (live != null) {
            completeFiles.addAll(live.told());
        }
        if (result.result().map(RescueResult::interrupted).orElse(false)) {
            return INTERRUPTED;
        }
        return result.exitCode();
    }

    /**
     * What follows a files or volumes round's run of {@code disk} to tell the files it completes as it goes (null in
     * the metadata and disk rounds, and before the job's first look at the files).
     */
    private LiveFileCompletion liveFiles(Disk disk, ImagingRound round) throws IOException {
        if (completeFiles == null || (round != ImagingRound.FILES && round != ImagingRound.VOLUMES)) {
            return null;
        }
        List<LiveFileCompletion.PendingFile> pending;
        try {
            List<BlockMap> maps = currentMaps(jobDisks);
            try (StackView view = StackView.of(jobDisks, maps)) {
                pending = LiveFileCompletion.pending(view, disk.index(), maps, completeFiles);
            }
        } catch (MapfileException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (pending.isEmpty()) {
            return null;
        }
        return new LiveFileCompletion(pending, f -> listener.fileComplete(f.volume(), f.name(), f.sizeBytes()));
    }

    /** The reads logs of {@code disk}'s imaging runs so far, in run order. */
    private List<Path> readsLogs(Disk disk) throws IOException {
        if (!Files.isDirectory(work.readsDir())) {
            return List.of();
        }
        String prefix = work.readsLog(disk.index(), 1, "x").getFileName().toString();
        prefix = prefix.substring(0, prefix.indexOf('-') + 1);
        try (var files = Files.list(work.readsDir())) {
            String p = prefix;
            return files.filter(f -> f.getFileName().toString().startsWith(p)).sorted().toList();
        }
    }

    /** Per disk, the bytes not finished in its map that the other members of an md array give back. */
    private static List<Long> healedByArrays(StackView view, List<Disk> disks, List<BlockMap> maps) {
        HealedAreas arrays = HealedAreas.of(view.analysis());
        List<Long> out = new ArrayList<>();
        for (Disk d : disks) {
            BlockMap whole = MetadataDomain.covering(List.of(new Block(0, d.sizeBytes())), d.sizeBytes());
            out.add(arrays.covers(d.index())
                    ? HealedAreas.bytes(arrays.healed(d.index(), maps.get(d.index()), whole)) : 0L);
        }
        return out;
    }

    /**
     * What imaging each disk cost so far (see {@link RescueReport.Imaging}), with {@code healed} the bytes the arrays
     * give back per disk.
     */
    private List<RescueReport.Imaging> counters(List<Disk> disks, List<BlockMap> maps, PipelineState state,
            List<Long> healed) throws IOException {
        List<RescueReport.Imaging> out = new ArrayList<>();
        boolean filesDone = state.isDone("round." + ImagingRound.FILES.key(), "1");
        for (Disk d : disks) {
            List<Path> logs = readsLogs(d);
            int untilFiles = -1;
            if (filesDone) {
                untilFiles = (int) logs.stream().map(l -> l.getFileName().toString())
                        .filter(n -> n.endsWith("-metadata.log") || n.endsWith("-files.log")).count();
            }
            out.add(ReadCounts.of(logs, maps.get(d.index()), untilFiles)
                    .withHealedByArrayBytes(healed.get(d.index())));
        }
        return out;
    }

    /**
     * Files complete so far: tells each newly complete file and each volume's totals, and rewrites progress.json
     * (also after an interrupted run, so it lists what is safe to copy).
     */
    private void progress(List<Disk> disks, PipelineState state) throws IOException, MapfileException {
        List<BlockMap> maps = currentMaps(disks);
        List<FileProgress> now;
        List<Long> healed;
        try (StackView view = StackView.of(disks, maps)) {
            now = view.progress();
            healed = healedByArrays(view, disks, maps);
        }
        java.util.Set<String> before = completeFiles;
        java.util.Set<String> after = new java.util.HashSet<>();
        for (FileProgress p : now) {
            for (FileProgress.File f : p.complete()) {
                String id = p.volume() + "/" + f.path();
                after.add(id);
                if (before != null && !before.contains(id)) {
                    listener.fileComplete(p.volume(), f.path(), f.sizeBytes());
                }
            }
            if (before != null) {
                listener.note(p.summary());
            }
        }
        completeFiles = after;
        List<RescueReport.VolumeProgress> volumes = volumeProgress(now);
        List<RescueReport.Imaging> imagingCost = counters(disks, maps, state, healed);
        String json = io.qrescue.recovery.report.ReportJson.progressDocument(
                disks.stream().map(Disk::name).toList(), imagingCost, volumes);
        new MapfileFiles().replace(work.progressJson(), json.getBytes(StandardCharsets.UTF_8), false);
        lastProgress = volumes;
        lastImaging = imagingCost;
    }

    private static List<RescueReport.VolumeProgress> volumeProgress(List<FileProgress> progress) {
        List<RescueReport.VolumeProgress> out = new ArrayList<>();
        for (FileProgress p : progress) {
            out.add(new RescueReport.VolumeProgress(p.volume(), p.filesTotal(),
                    p.complete().stream().map(FileProgress.File::path).sorted().toList(), p.fileBytesLeft(),
                    p.allKnown()));
        }
        return out;
    }

    private List<BlockMap> currentMaps(List<Disk> disks) throws MapfileException {
        List<BlockMap> maps = new ArrayList<>();
        for (Disk d : disks) {
            maps.add(currentMap(d.index()));
        }
        return maps;
    }

    /** Extracts one volume and, when it holds ext4, copies its files out; returns what happened. */
    private PipelineResult.VolumeOutcome volume(AnalyzedVolume v, List<Readability> readability,
            ReportAssembler report, DamageReport damage, LuksProbe luks) throws IOException {
        VolumeHealth health = damage.volume(v.name());
        if (health != null && health.mappingUnknownBytes() >= v.sizeBytes() && v.sizeBytes() > 0) {
            // with its whole block map unreadable, an extraction would be all holes: say what would help instead
            String why = "not extracted: its thin mapping is on unreadable metadata; more retries there "
                    + "(--metadata-retries) or a repair of the pool metadata may bring it back";
            listener.note(v.name() + ": " + why);
            report.volume(v, null, why);
            var source = v.open();
            String doubt = source == null ? null : DamageSummary.of(source.damageIn(0, source.size())).unknownLine();
            return new PipelineResult.VolumeOutcome(v.name(), null, v.sizeBytes(), v.sizeBytes(), -1, 0, why, false,
                    doubt == null ? null : doubt + "; not extracted");
        }
        if (v.placements().isEmpty()) {
            // the VM step (FallbackStep) gets its files, or says why not; nothing to extract here
            return new PipelineResult.VolumeOutcome(v.name(), null, v.sizeBytes(), v.sizeBytes(), -1, 0,
                    FallbackStep.NOT_PLACED);
        }
        Path out = work.volumeImage(v.name());
        Files.createDirectories(out.getParent());
        listener.stage("extract", v.name() + " (" + v.kind() + ", " + v.sizeBytes() + " bytes) -> " + out, false);
        ImageSource reader = v.open(); // the images are rescued images: their damage and every doubt come along
        Layer layer = luks == null ? new Layer(reader, "", null) : decrypted(v.name(), reader, luks);
        reader = layer.source();
        MapfileHeader header = new MapfileHeader("qrescue extract", "qrescue rescue " + sourcesText() + " "
                + options.workdir(), MapfileHeader.timestamp(LocalDateTime.now()), null);
        var result = new VolumeExtractor().extract(reader, new ExtractionRequest(out,
                ExtractionRequest.defaultMapfile(out), header, true, ExtractionRequest.DEFAULT_CHUNK_BYTES, true),
                ExtractionListener.NONE);
        List<ByteRange> damaged = new ArrayList<>();
        List<ByteRange> unknown = new ArrayList<>();
        for (Damage d : result.damage()) {
            damaged.add(new ByteRange(d.offset(), d.length()));
            if (d.kind() == DamageKind.UNKNOWN) {
                unknown.add(new ByteRange(d.offset(), d.length()));
            }
        }
        DamageSummary summary = DamageSummary.of(result.damage());
        String map = ExtractionRequest.defaultMapfile(out).getFileName().toString();
        long notImaged = result.damage().stream().filter(d -> d.kind() != DamageKind.UNKNOWN
                && d.status() == io.qrescue.mapfile.BlockStatus.NON_TRIED).mapToLong(Damage::length).sum();
        if (notImaged > 0) {
            listener.note(v.name() + ": " + notImaged + " bytes not imaged yet (a later --until images them; holes,"
                    + " marked in " + map + ")");
        }
        if (summary.unreadableBytes() > notImaged) {
            listener.note(v.name() + ": " + (summary.unreadableBytes() - notImaged) + " bytes lie on unreadable "
                    + "sectors (marked in " + map + ")");
        }
        String doubt = summary.unknownLine() == null ? null : summary.unknownLine() + "; marked non-tried in " + map
                + ", the files on them listed as of unknown provenance";
        if (doubt != null) {
            listener.note(v.name() + ": " + doubt);
        }
        if (layer.locked() != null) {
            String why = layer.locked() + "; the volume image " + out.getFileName() + " holds it as stored";
            report.volume(v, null, why);
            return new PipelineResult.VolumeOutcome(v.name(), out.toString(), v.sizeBytes(), result.damagedBytes(),
                    -1, 0, "encrypted, not opened", false, doubt);
        }
        if (!isExt4(out)) {
            report.volume(v, null, layer.note() + "no ext4 file system found; the volume image is " + out.getFileName());
            return new PipelineResult.VolumeOutcome(v.name(), out.toString(), v.sizeBytes(), result.damagedBytes(),
                    -1, 0, "no ext4 file system", false, doubt);
        }
        listener.stage("files", v.name() + " -> " + work.filesDir(v.name()), false);
        try {
            FileImpact impact = new Ext4ImpactAnalyzer(e2fs).analyze(out, damaged, unknown);
            // a rerun (new map) copies into a fresh directory and swaps it in only when complete, so a failed
            // copy never costs the previous one
            Path target = work.filesDir(v.name());
            Path fresh = target.resolveSibling("." + target.getFileName() + ".new");
            FileTrees.deleteTree(fresh);
            var copied = new Ext4FileExtractor(e2fs).extract(out, fresh, impact);
            FileTrees.deleteTree(target);
            Files.move(fresh, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            var files = copied;
            report.volume(v, new ReportAssembler.Files(impact, files.entries()), layer.note().replaceFirst("; $", ""));
            listener.note(v.name() + ": " + files.fileCount() + " files copied, " + impact.files().size()
                    + " damaged");
            return new PipelineResult.VolumeOutcome(v.name(), out.toString(), v.sizeBytes(), result.damagedBytes(),
                    files.fileCount(), impact.files().size(), null, false, doubt);
        } catch (UnreadableFilesystemException e) {
            String why = layer.note() + "ext4 unreadable: " + e.getMessage();
            report.volume(v, null, why);
            return new PipelineResult.VolumeOutcome(v.name(), out.toString(), v.sizeBytes(), result.damagedBytes(),
                    -1, 0, why, false, doubt);
        }
    }


    /**
     * A volume's bytes as extracted: {@code source}, with {@code note} for the report ("decrypted ...; " or empty),
     * or {@code locked} saying why an encrypted volume stays as stored (null when it opened or is not encrypted).
     */
    private record Layer(ImageSource source, String note, String locked) {
    }

    /** The decrypted payload of an encrypted volume when the keys open it, else the volume as stored (with a note). */
    private Layer decrypted(String name, ImageSource volume, LuksProbe luks) throws IOException {
        List<Passphrase> candidates = luksKeys.candidates(name);
        String header = luks.header() == null ? "LUKS" : luks.header().summary();
        if (candidates.isEmpty()) {
            String why = "encrypted (" + header + ") and no key given: extracted as stored (ciphertext); run again"
                    + " with --password-file, --passphrase-file or --key-file to decrypt it and copy its files";
            listener.note(name + ": " + why);
            return new Layer(volume, "", why);
        }
        try {
            LuksUnlocker.Opened opened = LuksVolume.open(name, volume, luks, candidates);
            String how = header + "; opened key slot " + opened.keySlot() + " with " + opened.rule();
            listener.note(name + ": " + how);
            opened.notes().forEach(n -> listener.note(name + ": " + n));
            String notes = opened.notes().isEmpty() ? "" : " (" + String.join("; ", opened.notes()) + ")";
            return new Layer(opened.source(), "decrypted: " + how + notes + "; ", null);
        } catch (LuksUnlockException | UnsupportedLuksException e) {
            String why = "encrypted (" + header + "): " + e.getMessage() + "; extracted as stored (ciphertext)";
            listener.note(name + ": " + e.getMessage() + "; extracted as stored (ciphertext)");
            return new Layer(volume, "", why);
        }
    }

    /** ext4's magic 0xEF53 at byte 56 of the superblock, which starts 1024 bytes into the volume. */
    static boolean isExt4(Path volumeImage) throws IOException {
        try (var ch = Files.newByteChannel(volumeImage)) {
            ByteBuffer b = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
            ch.position(1024 + 56);
            return ch.read(b) == 2 && b.getShort(0) == (short) 0xEF53;
        }
    }

    private static long sourceSize(Path source) throws IOException {
        try (BlockDevice d = BlockDevices.open(source, new OpenOptions(512, false,
                io.qrescue.imager.time.TimeSource.system()))) {
            return d.size();
        } catch (IOException e) {
            throw new IOException(source + ": can't open the source: " + e.getMessage(), e);
        }
    }

    private String sourcesText() {
        return String.join(" ", options.sources().stream().map(Path::toString).toList());
    }

    /** ddrescue leaves the image as long as its last written byte; the readers want the disk's size. */
    private static void padImage(Disk disk) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(disk.image().toFile(), "rw")) {
            if (f.length() < disk.sizeBytes()) {
                f.setLength(disk.sizeBytes());
            }
        }
    }

    private BlockMap currentMap(int index) throws MapfileException {
        try {
            return MapfileReader.read(work.mapfile(index), work.mapfile(index).toString(), null).blocks();
        } catch (MapfileNotReadableException e) {
            return new BlockMap();
        }
    }

    private void writeDomain(Path file, BlockMap domain) throws IOException {
        MapfileHeader header = new MapfileHeader("qrescue rescue", "qrescue rescue " + sourcesText() + " "
                + options.workdir(), MapfileHeader.timestamp(LocalDateTime.now()), null);
        new MapfileFiles().replace(file, MapfileWriter.toBytes(new Mapfile(domain), header), false);
    }

    private static long finishedBytes(BlockMap domain) {
        long n = 0;
        for (StatusBlock b : domain) {
            if (b.status() == io.qrescue.mapfile.BlockStatus.FINISHED) {
                n += b.size();
            }
        }
        return n;
    }

    /** The digest of one job's maps: a one-source job's is that map's own, so its old state stays valid. */
    static String fingerprint(List<Mapfile> mapfiles) {
        if (mapfiles.size() == 1) {
            return fingerprint(mapfiles.get(0).blocks());
        }
        StringBuilder all = new StringBuilder();
        for (Mapfile m : mapfiles) {
            all.append(fingerprint(m.blocks())).append(' ');
        }
        return all.toString().trim();
    }

    /** A digest of the map's blocks (not of its header, whose times change with every save). */
    static String fingerprint(BlockMap blocks) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (StatusBlock b : blocks) {
                sha.update((b.pos() + " " + b.size() + " " + b.status().symbol() + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
