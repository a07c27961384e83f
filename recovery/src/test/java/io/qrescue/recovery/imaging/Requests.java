package io.qrescue.recovery.imaging;

import io.qrescue.recovery.cli.gnu.UsageException;
import io.qrescue.recovery.cli.image.DdrescueArgumentParser;
import io.qrescue.recovery.cli.image.FileKinds;

/** Imaging requests written as ddrescue command lines, for readable test cases. */
final class Requests {

    private Requests() {
    }

    static ImagingRequest of(String... args) {
        return of(QrescueOptions.NONE, args);
    }

    static ImagingRequest of(QrescueOptions own, String... args) {
        try {
            var run = (DdrescueArgumentParser.Run) new DdrescueArgumentParser(FileKinds.NONE).parse(args);
            return new ImagingRequest(run.inputFile(), run.outputFile(), run.mapfile(), run.options(), own,
                    "qrescue test " + String.join(" ", args));
        } catch (UsageException e) {
            throw new AssertionError(e);
        }
    }
}
