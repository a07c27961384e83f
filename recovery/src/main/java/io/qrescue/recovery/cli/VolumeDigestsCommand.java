package io.qrescue.recovery.cli;

import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.files.FileTrees;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.lvmfix.StockForms;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.rescue.BootOptions;
import io.qrescue.recovery.vm.rescue.DigestComparison;
import io.qrescue.recovery.vm.rescue.StackReport;
import io.qrescue.recovery.vm.rescue.VolumeDigest;
import io.qrescue.recovery.vm.rescue.VolumeDigests;
import io.qrescue.recovery.volume.ExtractionRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue appliance digests}: the sha256 of every volume as the recovery VM's kernel sees it, and
 * optionally a check that extracted files hold exactly those bytes, chunk by chunk.
 */
@Command(name = "digests", mixinStandardHelpOptions = true,
        description = {"Boot the recovery appliance on images (attached so they can never be written), assemble md, "
                + "activate every LV (thin volumes and snapshots; a QNAP tier-thin-pool VG through a stock form "
                + "restored into the VM's overlay) and print the sha256 of each one's bytes as Linux sees them.",
            "With --verify VG/LV=FILE, compare FILE (e.g. what qrescue extract wrote) with that volume per 1 MiB "
                + "chunk and name every chunk that differs; chunks holding bytes FILE.map marks not finished claim "
                + "nothing and are only counted.",
            "Exit 0: every volume digested and every --verify equal; 2: a volume could not be activated or read, "
                + "or a --verify differs; 1: environment (qemu, kernel, files, timeout)."})
final class VolumeDigestsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VmOptions vm;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "member images (raw), in any order")
    List<Path> images;

    @Option(names = "--verify", paramLabel = "VG/LV=FILE",
            description = "check that FILE holds exactly the bytes of volume VG/LV; repeatable")
    List<String> verify = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "limit for the whole job in the VM [3600]")
    long timeoutSeconds = 3600;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path work = null;
        boolean done = false;
        try {
            Map<String, Path> files = verifyFiles();
            if (timeoutSeconds <= 0) {
                throw new VmException("--timeout must be positive");
            }
            List<Path> absolute = new ArrayList<>();
            for (Path image : images) {
                if (!Files.isRegularFile(image)) {
                    throw new VmException(image + ": no such image file");
                }
                absolute.add(image.toAbsolutePath());
            }
            QemuLauncher launcher = QemuLauncher.fromEnvironment();
            Appliance appliance = vm.appliance(out);
            Accelerator accel = vm.accelerator(launcher, appliance);
            Map<String, String> stock = StockForms.of(absolute).restoreTexts(Map.of(), out::println);
            out.println("booting the appliance (" + accel.qemuName() + ") on " + images.size() + " image(s) ...");
            out.flush();
            JobRunner runner = vm.jobRunner(launcher, out);
            BootOptions options = new BootOptions(accel, 512, Duration.ofSeconds(300), Duration.ofSeconds(
                    timeoutSeconds), Duration.ofSeconds(timeoutSeconds));
            work = Files.createTempDirectory("qrescue-digests");
            VolumeDigests.Outcome outcome = new VolumeDigests(runner, appliance).run(absolute, stock,
                    VolumeDigests.DEFAULT_CHUNK_BYTES, options, work);
            int rc = render(outcome, files, out);
            done = true;
            return rc;
        } catch (ImageChecksums.ImageChangedException e) {
            err.println("qrescue: appliance digests: " + e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (IOException e) {
            err.println("qrescue: appliance digests: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("qrescue: appliance digests: interrupted; the VM was stopped");
            return ExitCodes.of(e);
        } finally {
            if (done) {
                deleteQuietly(work);
            } else if (work != null) {
                err.println("qrescue: appliance digests: console log kept in " + work.resolve("console.log"));
            }
        }
    }

    private int render(VolumeDigests.Outcome outcome, Map<String, Path> files, PrintWriter out) throws IOException {
        StackReport report = outcome.report();
        report.failures().forEach(f -> out.println("  " + f.describe()));
        out.println(String.format(Locale.ROOT, "boot %.1f s, whole run %.1f s", outcome.job().bootMillis() / 1000.0,
                outcome.job().totalMillis() / 1000.0));
        for (VolumeDigest d : outcome.volumes()) {
            out.println(d.sha256() + "  " + d.name() + "  " + d.sizeBytes() + " bytes");
        }
        boolean same = true;
        for (var e : files.entrySet()) {
            Optional<VolumeDigest> seen = outcome.volumes().stream().filter(d -> d.name().equals(e.getKey()))
                    .findFirst();
            if (seen.isEmpty()) {
                out.println("NOT VERIFIED: " + e.getValue() + ": the VM has no readable volume " + e.getKey());
                same = false;
                continue;
            }
            VolumeDigest vmDigest = seen.get();
            VolumeDigest fileDigest;
            try (FileImageSource source = FileImageSource.open(e.getValue())) {
                fileDigest = VolumeDigest.of(e.getKey(), source, vmDigest.chunkBytes());
            }
            // The file's mapfile is honoured: chunks holding bytes it marks not finished claim nothing there, so
            // they are not compared (the one rule: only bytes handed out as good must be the true ones).
            Path map = ExtractionRequest.defaultMapfile(e.getValue());
            DigestComparison.Verdict verdict = DigestComparison.verify(vmDigest, fileDigest, e.getValue().toString(),
                    unclaimedChunks(map, fileDigest));
            String unclaimed = verdict.unclaimedChunks() == 0 ? "" : "; " + verdict.unclaimedChunks() + " chunk(s) "
                    + "hold bytes " + map.getFileName() + " marks not finished, so they are not claimed and not compared"
                    + " (" + verdict.unclaimedDiffering() + " of them differ)";
            List<String> differences = verdict.differences();
            if (differences.isEmpty()) {
                out.println("verified: " + e.getValue() + " is byte-identical to " + e.getKey() + " as the recovery "
                        + "VM sees it (" + vmDigest.chunkSha256().size() + " chunks of " + vmDigest.chunkBytes()
                        + " bytes)" + unclaimed);
            } else {
                same = false;
                out.println("DIFFERS: " + e.getValue() + " is not " + e.getKey() + " as the recovery VM sees it, in "
                        + "bytes " + (verdict.unclaimedChunks() == 0 ? "it hands out as good" : map.getFileName()
                        + " marks finished") + unclaimed + ":");
                differences.forEach(d -> out.println("  " + d));
            }
        }
        out.flush();
        return report.failures().isEmpty() && same ? ExitCodes.OK : ExitCodes.CORRUPT_INPUT;
    }

    /** The chunks of {@code digest} that hold a byte the mapfile {@code map} (when there is one) does not mark finished. */
    private static java.util.SortedSet<Integer> unclaimedChunks(Path map, VolumeDigest digest) throws IOException {
        if (!Files.isRegularFile(map)) {
            return new java.util.TreeSet<>();
        }
        try {
            return DigestComparison.unclaimedChunks(MapfileReader.read(map, null).blocks(), digest.chunkBytes(),
                    digest.chunkSha256().size());
        } catch (MapfileException e) {
            throw new IOException(map + ": " + e.getMessage(), e);
        }
    }

    /** The --verify pairs, checked before any VM starts. */
    private Map<String, Path> verifyFiles() throws VmException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String pair : verify) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? "" : pair.substring(0, eq);
            if (!name.matches("[A-Za-z0-9+_.-]+/[A-Za-z0-9+_.-]+") || eq == pair.length() - 1) {
                throw new VmException("--verify wants VG/LV=FILE, got '" + pair + "'");
            }
            Path file = Path.of(pair.substring(eq + 1));
            if (!Files.isRegularFile(file)) {
                throw new VmException(file + ": no such file to verify");
            }
            if (files.put(name, file) != null) {
                throw new VmException("--verify names " + name + " twice");
            }
        }
        return files;
    }

    private static void deleteQuietly(Path work) {
        if (work != null) {
            try {
                FileTrees.deleteTree(work);
            } catch (IOException e) {
                // a temporary directory; the OS cleans it eventually
            }
        }
    }
}
