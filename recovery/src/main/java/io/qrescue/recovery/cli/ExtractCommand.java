package io.qrescue.recovery.cli;

import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.recovery.volume.ExtractionListener;
import io.qrescue.recovery.volume.ExtractionRequest;
import io.qrescue.recovery.volume.ExtractionResult;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.volume.DamageSummary;
import io.qrescue.recovery.volume.VolumeExtractor;
import io.qrescue.recovery.volume.VolumeReadException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.qrescue.recovery.files.ByteRange;
import io.qrescue.recovery.files.E2fsTools;
import io.qrescue.recovery.files.Ext4FileExtractor;
import io.qrescue.recovery.files.Ext4ImpactAnalyzer;
import io.qrescue.recovery.files.FileImpact;
import io.qrescue.recovery.files.UnreadableFilesystemException;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue extract IMAGE... OUT}: one volume of the images (every member of a NAS) as a flat, sparse raw image
 * with its own mapfile.
 */
@Command(name = "extract", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one volume of the IMAGEs (give every member of an md array, in any order) to OUT as a"
                + " flat, sparse raw image, and OUT.map, a ddrescue mapfile that marks the volume's bytes that no"
                + " IMAGE gives back (damaged bytes, those a --map mapfile does not mark finished, are taken from the"
                + " other members of an md array where its copies or parity allow). Damaged ranges are listed; they"
                + " hold what the IMAGEs hold there, usually zeros.",
            "A LUKS-encrypted volume is written decrypted (its payload, as dm-crypt shows it), opened with"
                + " --password-file, --passphrase-file or --key-file, or a password typed at the terminal; --raw"
                + " writes it as stored. A damaged sector spoils its whole encryption sector."})
public final class ExtractCommand implements Callable<Integer> {

    /** Damaged ranges listed one per line; more are only counted (all are in the output mapfile). */
    private static final int LISTED_DAMAGE = 50;

    private final VolumeCatalogFactory catalogs;

    @Spec
    CommandSpec spec;

    @Mixin
    VolumeOptions volumeOptions;

    @Parameters(arity = "1..*", paramLabel = "IMAGE... OUT", hideParamSyntax = true,
            description = "the rescued disk images (or devices), read only, then the raw image to write (created"
                    + " atomically)")
    List<Path> operands;

    Path out;

    @Option(names = "--out-map", paramLabel = "FILE", description = "the output's mapfile [OUT.map]")
    Path outMap;

    @Option(names = {"-f", "--force"}, description = "replace OUT and its mapfile if they exist")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "no progress, no list of damaged ranges")
    boolean quiet;

    @Option(names = "--files", paramLabel = "DIR",
            description = "then copy the files of the extracted ext4 volume into DIR (debugfs, no mount), with "
                    + "manifest.txt, SHA256SUMS and damaged-files.txt")
    Path filesDir;

    public ExtractCommand() {
        this(VolumeCatalogs.stackScanner());
    }

    /** With the volumes of an image found by {@code catalogs} (tests inject a fake). */
    ExtractCommand(VolumeCatalogFactory catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(stdout, err);
        } catch (CommandFailure e) {
            err.println("qrescue: " + e.getMessage());
            err.flush();
            return ExitCodes.of(e);
        }
    }

    private int run(PrintWriter stdout, PrintWriter err) throws CommandFailure {
        if (operands.size() < 2) {
            throw new CommandFailure("give IMAGE... OUT: the images (every member of an md array), then the output",
                    ExitCodes.ENVIRONMENT);
        }
        out = operands.get(operands.size() - 1);
        volumeOptions.images = List.copyOf(operands.subList(0, operands.size() - 1));
        Path map = outMap != null ? outMap : ExtractionRequest.defaultMapfile(out);
        refuseSource(out, "OUT");
        refuseSource(map, "the output mapfile");
        try (VolumeOptions.OpenedVolume opened = volumeOptions.open(catalogs)) {
            opened.luksLines().forEach(stdout::println);
            String start = MapfileHeader.timestamp(LocalDateTime.now());
            MapfileHeader header = new MapfileHeader("qrescue extract", "qrescue "
                    + String.join(" ", spec.commandLine().getParseResult().originalArgs()), start, null);
            ExtractionRequest request = new ExtractionRequest(out, map, header, force,
                    ExtractionRequest.DEFAULT_CHUNK_BYTES);
            ExtractionResult result = extractInterruptibly(opened, request, new Reporter(stdout, err));
            long damaged = result.damagedBytes();
            DamageSummary summary = DamageSummary.of(result.damage());
            if (!quiet && result.damage().size() > LISTED_DAMAGE) {
                stdout.println("... " + (result.damage().size() - LISTED_DAMAGE) + " more damaged ranges, all in " + map);
            }
            stdout.println("extracted " + opened.location().name() + (opened.luks() != null ? " (decrypted)" : "")
                    + " to " + out + ": " + result.sizeBytes()
                    + " bytes (" + HumanNumbers.formatNum(result.sizeBytes(), true) + "B), "
                    + result.writtenBytes() + " written, the rest sparse; "
                    + (damaged == 0 ? "no damaged bytes" : result.damage().size() + " damaged ranges, " + damaged
                    + " bytes (" + summary.unreadableBytes() + " unreadable, " + summary.unknownBytes()
                    + " of unknown provenance), marked in " + map));
            stdout.flush();
            if (filesDir != null) {
                copyFiles(result, stdout);
            }
            if (summary.hasUnknown()) {
                // the one rule: bytes whose provenance is in doubt are marked, listed, and fail the command
                throw new CommandFailure(opened.location().name() + ": " + summary.unknownLine() + "; marked "
                        + "non-tried in " + map, ExitCodes.CORRUPT_INPUT);
            }
            return ExitCodes.OK;
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailure(e.getFile() + ": " + e.getReason(), ExitCodes.ENVIRONMENT);
        } catch (InterruptedIOException | ClosedByInterruptException e) {
            throw new CommandFailure("interrupted; " + out + " was not written", ExitCodes.ENVIRONMENT);
        } catch (VolumeReadException e) {
            throw new CommandFailure(volumeOptions.imagesText() + ": " + e.getMessage() + "; " + out + " was not written",
                    ExitCodes.ENVIRONMENT);
        } catch (IOException e) {
            throw new CommandFailure(out + ": can't write the volume: " + why(e), ExitCodes.ENVIRONMENT);
        }
    }

    /** Copies the files of the volume just written to {@code out}; damaged files are named from its damage. */
    private void copyFiles(ExtractionResult result, PrintWriter stdout) throws CommandFailure {
        List<ByteRange> damaged = new ArrayList<>();
        List<ByteRange> unknown = new ArrayList<>();
        result.damage().forEach(d -> (d.kind() == DamageKind.UNKNOWN ? unknown : damaged).add(new ByteRange(d.offset(),
                d.length())));
        damaged.addAll(unknown);
        E2fsTools tools = new E2fsTools();
        try {
            FileImpact impact = new Ext4ImpactAnalyzer(tools).analyze(out, damaged, unknown);
            var copied = new Ext4FileExtractor(tools).extract(out, filesDir, impact);
            long ofUnknown = impact.files().stream().filter(f -> f.provenanceUnknown()).count();
            stdout.println("copied " + copied.fileCount() + " files (" + copied.totalBytes() + " bytes) to "
                    + copied.filesDir() + "; " + impact.files().size() + " damaged"
                    + (ofUnknown == 0 ? "" : " (" + ofUnknown + " of unknown provenance)")
                    + (impact.files().isEmpty() ? "" : ", listed in " + copied.damagedList())
                    + "; sha256 in " + copied.sha256Sums());
            copied.warnings().forEach(w -> stdout.println("warning: " + w));
            stdout.flush();
        } catch (UnreadableFilesystemException e) {
            throw new CommandFailure(out + ": " + e.getMessage(), ExitCodes.CORRUPT_INPUT);
        } catch (IOException e) {
            throw new CommandFailure(filesDir + ": can't copy the files out: " + why(e), ExitCodes.ENVIRONMENT);
        }
    }

    /** A Ctrl-C interrupts the copy, which deletes its temporary file before the JVM ends. */
    private static ExtractionResult extractInterruptibly(VolumeOptions.OpenedVolume opened, ExtractionRequest request,
            ExtractionListener listener) throws IOException {
        Thread worker = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "qrescue-extract-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return new VolumeExtractor().extract(opened.reader(), request, listener);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived: the JVM ends once the hook returns
            }
        }
    }

    /** NIO's exceptions name only the file; say what went wrong with it. */
    private static String why(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        return e.getMessage();
    }

    private void refuseSource(Path target, String what) throws CommandFailure {
        List<Path> inputs = new ArrayList<>(volumeOptions.images);
        inputs.addAll(volumeOptions.mapfiles);
        for (Path source : inputs) {
            if (VolumeOptions.sameFile(source, target)) {
                throw new CommandFailure(target + ": " + what + " is an input file; refusing to overwrite it",
                        ExitCodes.ENVIRONMENT);
            }
        }
    }

    /** Lists damaged ranges and shows progress on a terminal. */
    private final class Reporter implements ExtractionListener {
        private final PrintWriter stdout;
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;
        private int listed;
        private long lastShownNanos;

        Reporter(PrintWriter stdout, PrintWriter err) {
            this.stdout = stdout;
            this.err = err;
        }

        @Override
        public void damaged(Damage d) {
            if (!quiet && listed++ < LISTED_DAMAGE) {
                stdout.printf("damaged: volume 0x%X size 0x%X (%d bytes) %s, %s: %s%n", d.offset(), d.length(),
                        d.length(), d.origin() == null ? "on no image" : String.format("on %s at 0x%X",
                        d.origin().image(), d.origin().offset()), d.kind().label(), d.cause());
            }
        }

        @Override
        public void progress(long doneBytes, long sizeBytes) {
            if (quiet || !terminal) {
                return;
            }
            long now = System.nanoTime();
            if (doneBytes == sizeBytes || now - lastShownNanos > 500_000_000L) {
                lastShownNanos = now;
                err.print("\rextracting: " + HumanNumbers.formatNum(doneBytes, true) + "B of "
                        + HumanNumbers.formatNum(sizeBytes, true) + "B"
                        + (doneBytes == sizeBytes ? System.lineSeparator() : ""));
                err.flush();
            }
        }
    }
}
