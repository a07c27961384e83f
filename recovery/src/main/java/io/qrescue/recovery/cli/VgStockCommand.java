package io.qrescue.recovery.cli;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.vm.lvmfix.MetadataFormatException;
import io.qrescue.recovery.vm.lvmfix.PvLocator;
import io.qrescue.recovery.vm.lvmfix.StockMetadataRewriter;
import io.qrescue.recovery.vm.lvmfix.StockRewrite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrescue vg-stock IMAGE --out FILE}: reads the VG metadata from an image (whole disk, partition or md
 * member) and writes the stock lvm2 form of a QNAP VG, for {@code vgcfgrestore --force -f FILE VG} on an overlay
 * ({@code qrescue boot --lvm-metadata FILE} does that). Never writes the image.
 */
@Command(name = "vg-stock", mixinStandardHelpOptions = true,
        description = {"Write the stock lvm2 form of a QNAP volume group (tier-thin-pool, thick, QNAP-only flags) "
                + "read from IMAGE, for vgcfgrestore on a throw-away overlay; says what it changed and what it could "
                + "not convert.",
            "Exit 0: written, or nothing to change; 2: no readable LVM metadata; 1: bad option or output problem."})
public final class VgStockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "a disk, partition or md member image (read-only)")
    Path image;

    @Option(names = "--out", paramLabel = "FILE", description = "where the stock metadata text goes")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(image) && !image.toString().startsWith("/dev/")) {
            err.println("qrescue: vg-stock: " + image + ": no such image file");
            return ExitCodes.ENVIRONMENT;
        }
        try (FileImageSource source = FileImageSource.open(image)) {
            List<Long> pvs = PvLocator.pvOffsets(source);
            if (pvs.isEmpty()) {
                err.println("qrescue: vg-stock: " + image + ": no LVM label at the start, after an md 1.1/1.2 data "
                        + "offset, or in any partition");
                return ExitCodes.CORRUPT_INPUT;
            }
            StockRewrite chosen = null;
            for (long offset : pvs) {
                StockRewrite r = StockMetadataRewriter.rewritePv(source, offset, image.toString());
                stdout.println("VG " + r.vgName() + " on the PV at offset " + offset + ": "
                        + (r.needed() ? "stock lvm2 would refuse or misread it" : "stock lvm2 reads it as it is"));
                r.changes().forEach(c -> stdout.println("  changed: " + c));
                r.notConverted().forEach(c -> stdout.println("  NOT converted: " + c));
                if (r.needed() && chosen == null) {
                    chosen = r;
                }
            }
            if (chosen == null) {
                stdout.println("nothing to change");
                return ExitCodes.OK;
            }
            if (out == null) {
                stdout.print(chosen.restoreText());
            } else {
                Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
                Files.writeString(tmp, chosen.restoreText());
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                stdout.println("wrote " + out + " (vgcfgrestore --force -f " + out + " " + chosen.vgName()
                        + ", on an overlay only)");
            }
            stdout.flush();
            return ExitCodes.OK;
        } catch (MetadataFormatException e) {
            err.println("qrescue: vg-stock: " + e.getMessage());
            return ExitCodes.of(e);
        } catch (IOException e) {
            err.println("qrescue: vg-stock: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
