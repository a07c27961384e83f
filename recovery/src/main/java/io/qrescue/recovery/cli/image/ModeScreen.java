package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.imager.rescue.Filler;
import io.qrescue.imager.rescue.Generator;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.mapfile.HumanNumbers;
import java.io.PrintStream;

/**
 * What ddrescue prints on stdout in fill and generate mode: the settings (with {@code -v}), "Press Ctrl-C to
 * interrupt", the status read from the mapfile, and the status at the end with how the run ended. ddrescue also
 * redraws the status once a second while running; this screen shows only the first and last states.
 */
final class ModeScreen {

    private final PrintStream out;
    private final int verbosity;
    private final long runStartSeconds = System.currentTimeMillis() / 1000;

    ModeScreen(PrintStream out, int verbosity) {
        this.out = out;
        this.verbosity = verbosity;
    }

    void fillStarts(ImagingRequest request, long domainPos, long domainInSize, String fillTypesText,
            Filler.Progress initial, boolean mapfileExisted) {
        if (verbosity >= 1) {
            out.printf("About to fill with data from '%s' blocks of '%s' marked '%s'%n", request.inputFile(),
                    request.outputFile(), fillTypesText);
            out.printf("    Maximum size to fill: %sBytes%n", num(domainInSize));
            positions(request.options(), domainPos);
            out.printf("Sector size: %sBytes%n", HumanNumbers.formatNum(request.options().sectorSize(), 99999, false));
            out.printf("Direct out: %s%n%n", request.options().directOutput() ? "yes" : "no");
        }
        if (verbosity >= 0) {
            out.print("Press Ctrl-C to interrupt\n");
            if (mapfileExisted) {
                out.print("Initial status (read from mapfile)\n");
                out.printf("filled size:    %9sB,  filled areas:    %7d%n", num(initial.filledBytes()),
                        initial.filledAreas());
                out.printf("remaining size: %9sB,  remaining areas: %7d%n", num(initial.remainingBytes()),
                        initial.remainingAreas());
                out.print("Current status\n");
            }
        }
    }

    void fillEnded(Filler.Progress p, long outputOffset, RescueResult result) {
        if (verbosity < 0) {
            return;
        }
        out.printf("filled size: %9sB,  filled areas: %6d,  current rate: %8sB/s%n", num(p.filledBytes()),
                p.filledAreas(), rate(0));
        out.printf("remain size: %9sB,  remain areas: %6d,  average rate: %8sB/s%n", num(p.remainingBytes()),
                p.remainingAreas(), rate(0));
        out.printf("current pos: %9sB,  run time: %11s%n", num(p.currentPos() + outputOffset), runTime());
        ending(result);
    }

    void generateStarts(ImagingRequest request, long domainPos, Generator.Progress initial, boolean mapfileExisted) {
        if (verbosity >= 1) {
            out.printf("About to generate an approximate mapfile for '%s' and '%s'%n", request.inputFile(),
                    request.outputFile());
            positions(request.options(), domainPos);
            out.printf("Sector size: %sBytes%n%n", HumanNumbers.formatNum(request.options().sectorSize(), 99999, false));
        }
        if (verbosity >= 0) {
            out.print("Press Ctrl-C to interrupt\n");
            if (mapfileExisted) {
                out.print("Initial status (read from mapfile)\n");
                out.printf("rescued: %9sB,  generated: %9sB%n", num(initial.rescuedBytes()),
                        num(initial.generatedBytes()));
                out.print("Current status\n");
            }
        }
    }

    void generateEnded(Generator.Progress p, long outputOffset, RescueResult result) {
        if (verbosity < 0) {
            return;
        }
        out.printf("rescued: %9sB,  generated: %9sB,  current rate: %8sB/s%n", num(p.rescuedBytes()),
                num(p.generatedBytes()), rate(0));
        out.printf("   opos: %9sB,  run time: %11s,  average rate: %8sB/s%n", num(p.currentPos() + outputOffset),
                runTime(), rate(0));
        ending(result);
    }

    private void positions(RescueOptions a, long domainPos) {
        out.printf("    Starting positions: infile = %sB,  outfile = %sB%n", num(domainPos),
                num(domainPos + a.outputOffset()));
        out.printf("    Copy block size: %3d sectors%n", a.clusterSectors());
    }

    private void ending(RescueResult result) {
        if (result.stopReasons().isEmpty() && result.message().isEmpty()) {
            out.print("Finished\n");
        } else if (!result.stopReasons().isEmpty()) {
            out.print(result.stopMessages().get(0) + "\n");
        }
        out.flush();
    }

    private String runTime() {
        return ProgressFormat.time(System.currentTimeMillis() / 1000 - runStartSeconds, false);
    }

    private static String num(long bytes) {
        return HumanNumbers.formatNum(bytes, false);
    }

    private static String rate(long bytesPerSecond) {
        return HumanNumbers.formatNum(bytesPerSecond, 99999, false);
    }
}
