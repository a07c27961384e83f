package io.qrescue.recovery.pipeline;

import io.qrescue.recovery.files.FileTrees;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.BlockDevices;
import io.qrescue.imager.device.OpenOptions;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileNotReadableException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.AnalyzedVolume;
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
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.volume.ExtractionListener;
import io.qrescue.recovery.volume.ExtractionRequest;
import io.qrescue.recovery.volume.VolumeDamage;
import io.qrescue.recovery.volume.VolumeExtractor;
import io.qrescue.recovery.volume.VolumeReader;
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

/** Runs a rescue job's stages in order (see the package documentation); a rerun continues where one stopped. */
public final class RescuePipeline {

    static final String DISCOVER = "discover";
    static final String IMAGE = "image";
    static final String OUTPUTS = "outputs";

    private final PipelineOptions options;
    private final ImagingStep imaging;
    private final PipelineListener listener;
    private final Workdir work;
    private final E2fsTools e2fs;

    public RescuePipeline(PipelineOptions options, ImagingStep imaging, PipelineListener listener) {
        this(options, imaging, listener, new E2fsTools());
    }

    RescuePipeline(PipelineOptions options, ImagingStep imaging, PipelineListener listener, E2fsTools e2fs) {
        this.options = options;
        this.imaging = imaging;
        this.listener = listener;
        this.work = new Workdir(options.workdir());
        this.e2fs = e2fs;
    }

    public Workdir workdir() {
        return work;
    }

    /**
     * Runs every stage not yet done.
     *
     * @throws IOException      naming the file, when the work directory or an output cannot be written
     * @throws MapfileException when the job's mapfile is corrupt
     */
    public PipelineResult run() throws IOException, MapfileException {
        Files.createDirectories(work.dir());
        PipelineState state = PipelineState.load(work.state());
        long sourceSize = sourceSize();
        String source = options.source().toAbsolutePath() + " " + sourceSize;
        if (!state.isDone("source", source) && Files.exists(work.mapfile())) {
            BlockMap map = MapfileReader.read(work.mapfile(), work.mapfile().toString(), null).blocks();
            if (!map.isEmpty() && map.extent().end() != sourceSize) {
                throw new IOException(work.mapfile() + ": this job's mapfile covers " + map.extent().end()
                        + " bytes but " + options.source() + " has " + sourceSize + ": a different disk?");
            }
        }
        state.markDone("source", source);

        if (state.isDone(DISCOVER, "1")) {
            listener.stage(DISCOVER, "metadata areas imaged and retried", true);
        } else {
            int code = discover(sourceSize);
            if (code != 0) {
                return new PipelineResult(code, null, null, List.of(), null, false);
            }
            state.markDone(DISCOVER, "1");
        }
        if (state.isDone(IMAGE, "1")) {
            listener.stage(IMAGE, "whole disk imaged", true);
        } else {
            listener.stage(IMAGE, "imaging the whole disk, " + options.retries() + " retry pass(es)", false);
            int code = image(List.of("-r" + options.retries()));
            if (code != 0) {
                return new PipelineResult(code, null, null, List.of(), null, false);
            }
            state.markDone(IMAGE, "1");
        }

        padImage(sourceSize);
        Mapfile mapfile = MapfileReader.read(work.mapfile(), work.mapfile().toString(), null);
        String fingerprint = fingerprint(mapfile.blocks());
        boolean upToDate = state.isDone(OUTPUTS, fingerprint) && Files.exists(work.reportHtml());
        try (ImageSource image = FileImageSource.open(work.image())) {
            listener.stage("analyse", "reading the storage stack", false);
            StackAnalysis analysis = StackAnalysis.analyze(List.of(new NamedImage(work.image().getFileName().toString(),
                    image)));
            Readability readability = Readability.of(mapfile.blocks());
            DamageReport damage = DamageReport.of(analysis, List.of(readability));
            if (upToDate) {
                listener.stage(OUTPUTS, "volumes, files and report are up to date for this mapfile", true);
                return new PipelineResult(0, analysis, damage, List.of(), null, true);
            }
            state.forget(OUTPUTS);
            ReportAssembler report = new ReportAssembler(work.image().getFileName().toString(), mapfile, analysis,
                    damage);
            List<PipelineResult.VolumeOutcome> outcomes = new ArrayList<>();
            for (AnalyzedVolume v : analysis.volumes()) {
                outcomes.add(volume(v, image, readability, report, damage));
            }
            RescueReport written = report.build();
            ReportWriter.write(written, work.reportHtml(), work.reportJson());
            listener.note("report: " + work.reportHtml());
            state.markDone(OUTPUTS, fingerprint);
            return new PipelineResult(0, analysis, damage, outcomes, written, false);
        }
    }

    /**
     * Images what the stack's metadata needs, round after round (each analysis shows where the next layer
     * lies), then retries it; returns the first failing imaging run's exit code, or 0.
     */
    private int discover(long sourceSize) throws IOException, MapfileException {
        for (int round = 1; round <= options.maxDiscoveryRounds(); round++) {
            BlockMap done = currentMap();
            BlockMap domain;
            if (!Files.exists(work.image())) {
                domain = ReadFirstDomain.of(emptyAnalysis(), sourceSize);
            } else {
                padImage(sourceSize);
                try (ImageSource image = FileImageSource.open(work.image())) {
                    domain = ReadFirstDomain.of(StackAnalysis.analyze(List.of(new NamedImage("disk.img", image))),
                            sourceSize);
                }
            }
            if (!ReadFirstDomain.hasUntried(domain, done)) {
                break;
            }
            writeDomain(domain);
            listener.stage(DISCOVER, "round " + round + ": imaging " + finishedBytes(domain)
                    + " bytes where the stack's metadata is or may be", false);
            int code = image(List.of("-m", work.metadataDomain().toString()));
            if (code != 0) {
                return code;
            }
        }
        if (!Files.exists(work.metadataDomain())) {
            return 0;
        }
        listener.stage(DISCOVER, "retrying bad sectors in metadata areas, " + options.metadataRetries()
                + " pass(es)", false);
        return image(List.of("-m", work.metadataDomain().toString(), "-r" + options.metadataRetries()));
    }

    private static StackAnalysis emptyAnalysis() {
        return StackAnalysis.analyze(List.of(new NamedImage("disk.img", new io.qrescue.recovery.source.ByteArraySource(
                new byte[0]))));
    }

    private int image(List<String> phaseArgs) {
        List<String> args = new ArrayList<>(phaseArgs);
        args.addAll(options.imageArgs());
        args.add(options.source().toString());
        args.add(work.image().toString());
        args.add(work.mapfile().toString());
        return imaging.image(args);
    }

    /** Extracts one volume and, when it holds ext4, copies its files out; returns what happened. */
    private PipelineResult.VolumeOutcome volume(AnalyzedVolume v, ImageSource image, Readability readability,
            ReportAssembler report, DamageReport damage) throws IOException {
        VolumeHealth health = damage.volume(v.name());
        if (health != null && health.mappingUnknownBytes() >= v.sizeBytes() && v.sizeBytes() > 0) {
            // with its whole block map unreadable, an extraction would be all holes: say what would help instead
            String why = "not extracted: its thin mapping is on unreadable metadata; more retries there "
                    + "(--metadata-retries) or a repair of the pool metadata may bring it back";
            listener.note(v.name() + ": " + why);
            report.volume(v, null, why);
            return new PipelineResult.VolumeOutcome(v.name(), null, v.sizeBytes(), v.sizeBytes(), -1, 0, why);
        }
        if (v.placements().isEmpty()) {
            String why = "not extracted: its bytes cannot be placed on the image (see the findings)";
            report.volume(v, null, why);
            return new PipelineResult.VolumeOutcome(v.name(), null, v.sizeBytes(), v.sizeBytes(), -1, 0, why);
        }
        Placement placement = v.placements().get(0);
        Path out = work.volumeImage(v.name());
        Files.createDirectories(out.getParent());
        listener.stage("extract", v.name() + " (" + v.kind() + ", " + v.sizeBytes() + " bytes) -> " + out, false);
        VolumeReader reader = new VolumeReader(image, placement.toImage(), readability);
        MapfileHeader header = new MapfileHeader("qrescue extract", "qrescue rescue " + options.source() + " "
                + options.workdir(), MapfileHeader.timestamp(LocalDateTime.now()), null);
        var result = new VolumeExtractor().extract(reader, new ExtractionRequest(out,
                ExtractionRequest.defaultMapfile(out), header, true, ExtractionRequest.DEFAULT_CHUNK_BYTES),
                ExtractionListener.NONE);
        List<ByteRange> damaged = new ArrayList<>();
        for (VolumeDamage d : result.damage()) {
            damaged.add(new ByteRange(d.volumeOffsetBytes(), d.lengthBytes()));
        }
        if (result.damagedBytes() > 0) {
            listener.note(v.name() + ": " + result.damagedBytes() + " bytes lie on unreadable sectors (marked in "
                    + ExtractionRequest.defaultMapfile(out).getFileName() + ")");
        }
        if (!isExt4(out)) {
            report.volume(v, null, "no ext4 file system found; the volume image is " + out.getFileName());
            return new PipelineResult.VolumeOutcome(v.name(), out.toString(), v.sizeBytes(), result.damagedBytes(),
                    -1, 0, "no ext4 file system");
        }
        listener.stage("files", v.name() + " -> " + work.filesDir(v.name()), false);
        try {
            FileImpact impact = new Ext4ImpactAnalyzer(e2fs).analyze(out, damaged);
            // a rerun (new map) copies into a fresh directory and swaps it in only when complete, so a failed
            // copy never costs the previous one
            Path target = work.filesDir(v.name());
            Path fresh = target.resolveSibling("." + target.getFileName() + ".new");
            FileTrees.deleteTree(fresh);
            var copied = new Ext4FileExtractor(e2fs).extract(out, fresh, impact);
            FileTrees.deleteTree(target);
            Files.move(fresh, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            var files = copied;
            report.volume(v, new ReportAssembler.Files(impact, files.entries()), "");
            listener.note(v.name() + ": " + files.fileCount() + " files copied, " + impact.files().size()
                    + " damaged");
            return new PipelineResult.VolumeOutcome(v.name(), out.toString(), v.sizeBytes(), result.damagedBytes(),
                    files.fileCount(), impact.files().size(), null);
        } catch (UnreadableFilesystemException e) {
            String why = "ext4 unreadable: " + e.getMessage();
            report.volume(v, null, why);
            return new PipelineResult.VolumeOutcome(v.name(), out.toString(), v.sizeBytes(), result.damagedBytes(),
                    -1, 0, why);
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

    private long sourceSize() throws IOException {
        try (BlockDevice d = BlockDevices.open(options.source(), new OpenOptions(512, false, io.qrescue.imager.time.TimeSource.system()))) {
            return d.size();
        } catch (IOException e) {
            throw new IOException(options.source() + ": can't open the source: " + e.getMessage(), e);
        }
    }

    /** ddrescue leaves the image as long as its last written byte; the readers want the disk's size. */
    private void padImage(long sourceSize) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(work.image().toFile(), "rw")) {
            if (f.length() < sourceSize) {
                f.setLength(sourceSize);
            }
        }
    }

    private BlockMap currentMap() throws MapfileException {
        try {
            return MapfileReader.read(work.mapfile(), work.mapfile().toString(), null).blocks();
        } catch (MapfileNotReadableException e) {
            return new BlockMap();
        }
    }

    private void writeDomain(BlockMap domain) throws IOException {
        MapfileHeader header = new MapfileHeader("qrescue rescue", "qrescue rescue " + options.source() + " "
                + options.workdir(), MapfileHeader.timestamp(LocalDateTime.now()), null);
        new MapfileFiles().replace(work.metadataDomain(),
                MapfileWriter.toText(new Mapfile(domain), header).getBytes(StandardCharsets.ISO_8859_1), false);
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
