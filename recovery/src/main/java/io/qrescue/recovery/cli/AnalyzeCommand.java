package io.qrescue.recovery.cli;

import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.recovery.analysis.DamageReport;
import io.qrescue.recovery.analysis.MetadataDomain;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import io.qrescue.recovery.analysis.LuksLayer;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrescue analyze IMAGE...}: the storage stack as a tree, and with --map what each unreadable region costs. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read the storage stack of IMAGE (partitions, md arrays, LVM, thin pools) without changing it"
                + " and print it as a tree. Give every member image of one NAS (e.g. both RAID1 members). With --map,"
                + " also report what each region the mapfile does not mark finished costs, and how much of each"
                + " volume is readable. Encrypted (LUKS) volumes show their header and key slots, and are opened"
                + " with --password-file, --passphrase-file or --key-file (for --files)."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "disk images (or devices), read only")
    List<Path> images;

    @Option(names = {"-m", "--map"}, paramLabel = "MAPFILE",
            description = "ddrescue mapfile of an IMAGE (repeat in IMAGE order): bytes not finished are damaged")
    List<Path> maps = new ArrayList<>();

    @Option(names = "--json", description = "one JSON document instead of text")
    boolean json;

    @Option(names = "--metadata-domain", paramLabel = "FILE",
            description = "write a ddrescue domain mapfile of an IMAGE's metadata regions (repeat in IMAGE order), for"
                    + " 'qrescue image -m FILE' to rescue them first")
    List<Path> domains = new ArrayList<>();

    @Option(names = "--files", description = "with --map: which ext4 files the damage hits in each volume (paths, inodes, "
            + "damaged byte ranges in the file), found by extracting each damaged volume to a temporary file")
    boolean files;

    @Mixin
    UnlockOptions unlock = new UnlockOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out);
        } catch (CommandFailure e) {
            err.println("qrescue: " + e.getMessage());
            err.flush();
            return ExitCodes.of(e);
        }
    }

    private int run(PrintWriter out) throws CommandFailure {
        if (files && (maps.isEmpty() || json)) {
            throw new CommandFailure("--files needs --map (the damage to look up) and prints text, not --json",
                    ExitCodes.ENVIRONMENT);
        }
        if (maps.size() > images.size() || domains.size() > images.size()) {
            throw new CommandFailure("give at most one --map and one --metadata-domain per IMAGE ("
                    + images.size() + " images)", ExitCodes.ENVIRONMENT);
        }
        List<Readability> readability = ImageOperands.readability(maps);
        // the stack is read as the mapfile says: metadata on bytes it does not mark finished is never parsed
        List<RescuedImage> opened = ImageOperands.open(images, readability);
        try {
            List<NamedImage> named = opened.stream().map(r -> new NamedImage(r.name(), r)).toList();
            StackAnalysis analysis = StackAnalysis.analyze(named);
            if (analysis.foundNothing()) {
                throw new CommandFailure(images.get(0) + (images.size() > 1 ? " (and the other images)" : "")
                        + ": not an image of anything qrescue reads: no partition table, md superblock or LVM label"
                        + " at the usual offsets", ExitCodes.CORRUPT_INPUT);
            }
            DamageReport report = maps.isEmpty() ? null : DamageReport.of(analysis, readability);
            for (int i = 0; i < domains.size(); i++) {
                writeDomain(analysis, i, domains.get(i));
            }
            Map<String, LuksLayer> luks = LuksLayer.open(analysis, unlock.keys());
            out.print(json ? AnalysisJson.render(analysis, report, luks) : AnalysisText.render(analysis, report, luks));
            if (files && report != null) {
                out.print(FileDamageText.render(analysis, report, luks));
            }
            out.flush();
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage(), ExitCodes.ENVIRONMENT);
        } finally {
            ImageOperands.closeAll(opened);
        }
    }

    /** Writes the domain mapfile through a temporary file and a rename: never a half-written file. */
    private void writeDomain(StackAnalysis analysis, int image, Path file) throws CommandFailure {
        String start = MapfileHeader.timestamp(LocalDateTime.now());
        MapfileHeader header = new MapfileHeader("qrescue analyze", "qrescue "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs()), start, null);
        String text = MapfileWriter.toText(new Mapfile(MetadataDomain.of(analysis, image)), header);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failure is what matters
                }
            }
            throw new CommandFailure(file + ": can't write the domain mapfile: " + e.getMessage(), ExitCodes.ENVIRONMENT);
        }
    }
}
