package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.OperationMode;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.recovery.cli.gnu.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * ddrescue's checks of the infile, outfile and mapfile names before anything is opened (spec 2.12;
 * ddrescue: check_files, check_identical): no two of them may be the same file, neither infile nor outfile
 * may be the mapfile's backup {@code MAPFILE.bak}, the mapfile and its backup must be regular files if they
 * exist, and a non-regular outfile (a device) needs {@code -f} and cannot be preallocated, sparse or extended.
 * Names are compared as typed; existing files also by identity (device and inode), following symbolic links
 * as stat does. Relative names are resolved against the working directory given here.
 */
public final class OperandFileChecks implements FileKinds {

    private final Path workingDirectory;

    public OperandFileChecks(Path workingDirectory) {
        this.workingDirectory = Objects.requireNonNull(workingDirectory);
    }

    /**
     * Runs the checks in ddrescue's order.
     *
     * @throws UsageException with ddrescue's message; a message of several lines holds several ddrescue
     *                        messages, each line that does not start with a space being a message of its own
     */
    public void check(DdrescueArgumentParser.Run run) throws UsageException {
        RescueOptions a = run.options();
        String in = run.inputFile();
        String out = run.outputFile();
        Optional<String> map = run.mapfile();
        checkIdentical(in, out, map.orElse(null), a.sameFile());
        if (map.isPresent()) {
            if (existsAsNonRegular(map.get())) {
                throw new UsageException(map.get() + ": Mapfile exists and is not a regular file.", false);
            }
            String backup = map.get() + ".bak";
            if (existsAsNonRegular(backup)) {
                throw new UsageException(backup + ": Mapfile backup exists and is not a regular file.", false);
            }
        }
        boolean extend = a.minOutfileSize() >= 0;
        // generate mode only reads the outfile, so any kind of file will do
        if (a.mode() != OperationMode.GENERATE && (extend || !a.force() || a.preallocate() || a.sparse())
                && existsAsNonRegular(out)) {
            String advice;
            if (!a.force()) {
                advice = "Use '--force' if you really want to overwrite it, but be\n"
                        + "          aware that all existing data in the output file will be lost.";
            } else if (a.preallocate()) {
                advice = "Only regular files can be preallocated.";
            } else if (a.sparse()) {
                advice = "Only regular files can be sparse.";
            } else {
                advice = "Only regular files can be extended.";
            }
            throw new UsageException(out + ": Output file exists and is not a regular file.\n" + advice, true);
        }
    }

    @Override
    public boolean existsAsNonRegular(String name) {
        BasicFileAttributes attributes = stat(name);
        return attributes != null && !attributes.isRegularFile();
    }

    private void checkIdentical(String in, String out, String map, boolean sameFile) throws UsageException {
        BasicFileAttributes inStat = null;
        BasicFileAttributes outStat = null;
        boolean same = in.equals(out);
        // ddrescue looks at infile and outfile on disk only when their names differ; the mapfile comparisons
        // below reuse that, so with equal names an infile hard-linked as mapfile goes unnoticed, as in ddrescue
        if (!same) {
            inStat = stat(in);
            outStat = stat(out);
            same = sameFile(inStat, outStat, in, out);
        }
        if (same && !sameFile) {
            throw new UsageException(out + ": Infile and outfile are the same.", false);
        }
        if (map == null) {
            return;
        }
        BasicFileAttributes mapStat = null;
        same = in.equals(map);
        if (!same) {
            mapStat = stat(map);
            same = sameFile(inStat, mapStat, in, map);
        }
        if (same) {
            throw new UsageException(map + ": Infile and mapfile are the same.", false);
        }
        if (out.equals(map) || sameFile(outStat, mapStat, out, map)) {
            throw new UsageException(map + ": Outfile and mapfile are the same.", false);
        }
        // names only: the backup is replaced by rename, which would break a link rather than overwrite the file
        String backup = map + ".bak";
        if (backup.equals(in)) {
            throw new UsageException(in + ": Infile and mapfile backup are the same.", false);
        }
        if (backup.equals(out)) {
            throw new UsageException(out + ": Outfile and mapfile backup are the same.", false);
        }
    }

    /** Both exist and are one file (device and inode). */
    private boolean sameFile(BasicFileAttributes a, BasicFileAttributes b, String nameA, String nameB) {
        if (a == null || b == null) {
            return false;
        }
        if (a.fileKey() != null && b.fileKey() != null) {
            return a.fileKey().equals(b.fileKey());
        }
        try {
            return Files.isSameFile(resolve(nameA), resolve(nameB));
        } catch (IOException e) {
            return false;
        }
    }

    /** The attributes of the file, or null where ddrescue's stat would fail. */
    private BasicFileAttributes stat(String name) {
        try {
            return Files.readAttributes(resolve(name), BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Path resolve(String name) {
        return workingDirectory.resolve(name);
    }
}
