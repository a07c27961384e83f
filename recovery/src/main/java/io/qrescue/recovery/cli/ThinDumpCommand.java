package io.qrescue.recovery.cli;

import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.thin.MappingDoubt;
import io.qrescue.recovery.stack.thin.SalvagedDevice;
import io.qrescue.recovery.stack.thin.SalvagedPool;
import io.qrescue.recovery.stack.thin.ThinDumpWriter;
import io.qrescue.recovery.stack.thin.ThinSalvage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue thin dump IMAGE... --pool VG/POOL [--repair]}: the pool's mappings as thin_dump XML, read from the
 * images without changing them; with {@code --repair} the salvaged mappings of damaged metadata, with what is not
 * verified in XML comments (exit 2 then).
 */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write thin pool VG/POOL's mappings as thin_dump XML (what thin_restore reads). Metadata that is"
                + " damaged is refused unless --repair: then the mappings are salvaged (live trees, orphaned subtrees,"
                + " older copies), and the ranges not verified are named in XML comments and make the exit code 2."})
public final class ThinDumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "disk images (or devices) holding the pool, read only")
    List<Path> images;

    @Option(names = "--pool", required = true, paramLabel = "VG/POOL", description = "the thin pool, e.g. vg1/tp1")
    String pool;

    @Option(names = "--repair", description = "salvage damaged metadata instead of refusing it")
    boolean repair;

    @Option(names = {"-m", "--map"}, paramLabel = "MAPFILE",
            description = "ddrescue mapfile of an IMAGE (repeat in IMAGE order): bytes it does not mark finished are"
                    + " never parsed")
    List<Path> maps = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the XML to FILE instead of stdout")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(spec.commandLine().getOut(), err);
        } catch (CommandFailure e) {
            err.println("qrescue: thin dump: " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws CommandFailure {
        if (maps.size() > images.size()) {
            throw new CommandFailure("give at most one --map per IMAGE (" + images.size() + " images)",
                    ExitCodes.ENVIRONMENT);
        }
        List<RescuedImage> opened = ImageOperands.open(images, ImageOperands.readability(maps));
        try {
            List<NamedImage> named = opened.stream().map(r -> new NamedImage(r.name(), r)).toList();
            StackAnalysis analysis = StackAnalysis.analyze(named);
            PoolAnalysis p = analysis.pools().stream().filter(x -> x.name().equals(pool)).findFirst()
                    .orElseThrow(() -> new CommandFailure(images.get(0) + ": no thin pool " + pool + " (pools: "
                            + analysis.pools().stream().map(PoolAnalysis::name).toList() + ")", ExitCodes.CORRUPT_INPUT));
            if (p.metadata() == null) {
                throw new CommandFailure(pool + ": its metadata LV cannot be placed on the images",
                        ExitCodes.CORRUPT_INPUT);
            }
            if (!repair) {
                if (p.salvage() != null) {
                    throw new CommandFailure(pool + ": the metadata is damaged (" + p.salvage().superblockSource()
                            + "); --repair dumps the salvaged mappings", ExitCodes.CORRUPT_INPUT);
                }
                write(w -> ThinDumpWriter.write(p.metadata(), w), out);
                return ExitCodes.OK;
            }
            SalvagedPool salvage = p.salvage() != null ? p.salvage()
                    : ThinSalvage.salvage(p.node().tmeta().open(), p.metadata(), ThinSalvage.Hints.none());
            write(w -> ThinDumpWriter.write(salvage, w), out);
            long doubted = 0;
            int devices = 0;
            for (SalvagedDevice d : salvage.devices().values()) {
                long n = d.doubts().stream().filter(x -> x.keyTo() != Long.MAX_VALUE).mapToLong(MappingDoubt::lengthKeys)
                        .sum();
                boolean open = d.doubts().stream().anyMatch(x -> x.keyTo() == Long.MAX_VALUE);
                if (n > 0 || open) {
                    doubted += n;
                    devices++;
                }
            }
            if (devices > 0) {
                err.println("qrescue: thin dump: " + pool + ": " + devices + " device(s) with ranges not verified ("
                        + doubted + " bounded virtual blocks and any open-ended ranges), named in the XML comments");
                err.flush();
                return ExitCodes.CORRUPT_INPUT;
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage(), ExitCodes.ENVIRONMENT);
        } finally {
            ImageOperands.closeAll(opened);
        }
    }

    /** Writes one XML document. */
    @FunctionalInterface
    private interface XmlBody {
        void write(Writer w) throws IOException;
    }

    /** To stdout, or to --output through a temporary file and a rename: never a half-written file. */
    private void write(XmlBody body, PrintWriter out) throws CommandFailure, IOException {
        if (output == null) {
            body.write(out);
            out.flush();
            return;
        }
        Path dir = output.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + output.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
