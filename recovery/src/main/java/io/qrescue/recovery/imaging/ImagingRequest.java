package io.qrescue.recovery.imaging;

import io.qrescue.imager.rescue.RescueOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * One ddrescue-style run: the file operands as the caller names them (relative ones are resolved against the
 * working directory of {@link ImagingIo}; messages name them as given), the ddrescue options and qrescue's own.
 *
 * @param inputFile   infile: the source (rescue, command mode), the fill data (fill mode), or only its size
 *                    (generate mode); never written
 * @param outputFile  outfile: the image
 * @param mapfile     the mapfile; required in fill and generate mode
 * @param options     ddrescue's options: mode, domain ({@code -i -s -m}), passes, retries, stop rules, logs
 * @param own         qrescue's own options
 * @param commandLine what the mapfile's header records as the command line
 */
public record ImagingRequest(String inputFile, String outputFile, Optional<String> mapfile, RescueOptions options,
        QrescueOptions own, String commandLine) {

    public ImagingRequest {
        Objects.requireNonNull(inputFile, "inputFile");
        Objects.requireNonNull(outputFile, "outputFile");
        Objects.requireNonNull(mapfile, "mapfile");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(own, "own");
        Objects.requireNonNull(commandLine, "commandLine");
    }

    /** This request with other ddrescue options (a pipeline round: another domain, other retry passes). */
    public ImagingRequest with(RescueOptions newOptions) {
        return new ImagingRequest(inputFile, outputFile, mapfile, newOptions, own, commandLine);
    }
}
