package io.qrescue.recovery.vm.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a finished job left: the script's exit status, the unpacked results directory (job.log, rc and whatever
 * the job put in $QRES), the raw output disk file (when one was attached), the console log, and timings.
 */
public record JobResult(int exitStatus, Path resultsDir, Optional<Path> outputDisk, Path consoleLog,
                        long bootMillis, long totalMillis, double guestUptimeAtReadySeconds) {

    /** The job's own log (stdout and stderr of run.sh). */
    public String log() throws IOException {
        Path log = resultsDir.resolve("job.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** A file the job left in $QRES, or empty. */
    public Optional<Path> result(String name) {
        Path file = resultsDir.resolve(name);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }
}
