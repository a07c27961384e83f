package io.qrescue.mapfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts mapfile bytes on disk so that a crash at any moment leaves a complete mapfile: the text goes to a
 * temporary file in the same directory, is forced to the device, and is renamed over the mapfile in one step.
 * A reader never sees a partial file and the mapfile never goes missing (ddrescue instead truncates and
 * rewrites it in place, and relies on {@code MAPFILE.bak}).
 *
 * <p>{@code MAPFILE.bak} is kept as ddrescue keeps it, when the caller asks for a rotation: it becomes the
 * mapfile being replaced. It is made by hard link (a copy where the file system has none) under a temporary
 * name and renamed over the old backup, so there is always a valid backup too.
 *
 * <p>Temporary files are {@code .NAME.tmp-PID} and {@code .NAME.bak.tmp-PID}. They are deleted when a save
 * fails; only a killed process leaves one behind, for {@link #removeStaleTemporaries} to remove.
 */
public final class MapfileFiles {

    /** The name of ddrescue's emergency mapfile. */
    public static final String EMERGENCY_NAME = "ddrescue.map";

    // A heap buffer handed to a FileChannel is copied into a cached direct buffer of the same size;
    // writing a 30 MB map in one call would keep 30 MB of native memory per thread.
    private static final int WRITE_CHUNK = 1 << 16;
    private static final String TEMP_MARK = ".tmp-";

    private final FileOps ops;
    private final String tempSuffix = TEMP_MARK + ProcessHandle.current().pid();

    /** Saves on the real file system. */
    public MapfileFiles() {
        this(JdkFileOps.INSTANCE);
    }

    MapfileFiles(FileOps ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
    }

    /** {@code MAPFILE.bak}, beside the mapfile. */
    public static Path backupOf(Path mapfile) {
        return mapfile.resolveSibling(mapfile.getFileName() + ".bak");
    }

    /**
     * Replaces {@code mapfile} with {@code content}, which is on the device before it becomes visible. With
     * {@code rotateBackup}, an existing mapfile first becomes {@code MAPFILE.bak}. If the mapfile is a symbolic
     * link, the file it points to is replaced and the backup goes beside that file.
     *
     * @throws FileSystemException naming {@code mapfile}; the mapfile is then unchanged, the backup either
     *                             unchanged or rotated
     */
    public void replace(Path mapfile, byte[] content, boolean rotateBackup) throws FileSystemException {
        Path target = followLink(mapfile);
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        Path temp = dir.resolve("." + name + tempSuffix);
        Path backupTemp = dir.resolve("." + name + ".bak" + tempSuffix);
        try {
            ops.deleteIfExists(temp); // left by a killed process that had our pid
            writeDurably(temp, content);
            if (rotateBackup && ops.exists(target)) {
                ops.deleteIfExists(backupTemp);
                linkOrCopy(target, backupTemp);
                ops.moveAtomically(backupTemp, backupOf(target));
            }
            ops.moveAtomically(temp, target);
            syncDirectory(dir);
        } catch (IOException e) {
            throw failure(mapfile, e);
        } finally {
            // After success both are gone, except backupTemp when the backup was already a link to the
            // mapfile: rename(2) between two names of one file does nothing.
            deleteQuietly(temp);
            deleteQuietly(backupTemp);
        }
    }

    /**
     * Deletes the temporary files that killed processes left beside {@code mapfile}, those whose process id
     * is no longer running (each is as large as the mapfile). Best effort: errors are ignored. Assumes the
     * directory is not shared with another machine, whose process ids this one cannot see.
     */
    public void removeStaleTemporaries(Path mapfile) {
        Path target = followLink(mapfile);
        String mapTemp = "." + target.getFileName() + TEMP_MARK;
        String backupTemp = "." + target.getFileName() + ".bak" + TEMP_MARK;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.toAbsolutePath().getParent())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String prefix = name.startsWith(mapTemp) ? mapTemp : name.startsWith(backupTemp) ? backupTemp : null;
                if (prefix != null && isDeadProcess(name.substring(prefix.length()))) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // nothing is lost but disk space
        }
    }

    private static boolean isDeadProcess(String pid) {
        if (pid.isEmpty() || pid.length() > 18 || !pid.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false; // not a name we made
        }
        return ProcessHandle.of(Long.parseLong(pid)).isEmpty();
    }

    /**
     * Where ddrescue tries an emergency save: {@code ./ddrescue.map}, then {@code $HOME/ddrescue.map}, skipping
     * the mapfile itself (its save has just failed).
     *
     * @param home the user's home directory, or null if unset
     */
    public static List<Path> emergencyTargets(Path mapfile, Path workingDir, String home) {
        Path self = mapfile.toAbsolutePath().normalize();
        List<Path> targets = new ArrayList<>(2);
        Path local = workingDir.resolve(EMERGENCY_NAME).toAbsolutePath().normalize();
        if (!local.equals(self)) {
            targets.add(local);
        }
        if (home != null && !home.isEmpty()) {
            Path inHome = Path.of(home).resolve(EMERGENCY_NAME).toAbsolutePath().normalize();
            if (!inHome.equals(self) && !targets.contains(inHome)) {
                targets.add(inHome);
            }
        }
        return targets;
    }

    /**
     * Saves {@code content} to the first of {@code targets} that can be written (ddrescue: emergency_save),
     * without touching any backup, and returns it.
     *
     * @throws FileSystemException "ddrescue.map: Emergency save failed.", each attempt's error suppressed in it
     */
    public Path emergencySave(List<Path> targets, byte[] content) throws FileSystemException {
        FileSystemException failed = new FileSystemException(EMERGENCY_NAME, null, "Emergency save failed.");
        for (Path target : targets) {
            try {
                replace(target, content, false);
                return target;
            } catch (FileSystemException e) {
                failed.addSuppressed(e);
            }
        }
        throw failed;
    }

    private void writeDurably(Path file, byte[] content) throws IOException {
        try (FileOps.Output out = ops.createNew(file)) {
            for (int offset = 0; offset < content.length; ) {
                ByteBuffer chunk = ByteBuffer.wrap(content, offset, Math.min(WRITE_CHUNK, content.length - offset));
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                offset = chunk.position();
            }
            out.force();
        }
    }

    private void linkOrCopy(Path existing, Path newName) throws IOException {
        try {
            ops.createLink(newName, existing);
        } catch (UnsupportedOperationException | FileSystemException e) {
            // FAT and exFAT disks, common targets for rescued images, have no hard links (EPERM)
            ops.deleteIfExists(newName);
            ops.copyDurably(existing, newName);
        }
    }

    /**
     * The renames are already done when the directory is synced. If the sync is impossible (Windows cannot
     * open a directory) or fails, a power loss may bring back the old names: the old mapfile, which is also
     * complete. So this step must not fail a save whose new mapfile is already in place.
     */
    private void syncDirectory(Path dir) {
        try {
            ops.syncDirectory(dir);
        } catch (IOException | UnsupportedOperationException e) {
            // tolerated, see above
        }
    }

    private void deleteQuietly(Path file) {
        try {
            ops.deleteIfExists(file);
        } catch (IOException e) {
            // the save's own outcome matters more than a stray temporary file
        }
    }

    private static Path followLink(Path mapfile) {
        if (!Files.isSymbolicLink(mapfile)) {
            return mapfile;
        }
        try {
            return mapfile.toRealPath();
        } catch (IOException e) {
            return mapfile; // a dangling link is replaced like a missing file
        }
    }

    /** "MAPFILE: Error writing mapfile: WHY", as ddrescue words it; the cause keeps the details. */
    private static FileSystemException failure(Path mapfile, IOException cause) {
        String why;
        if (cause instanceof FileSystemException fse) {
            // NoSuchFileException and friends carry only the file name; their type says what happened
            why = (fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName())
                    + (fse.getFile() != null ? " (" + fse.getFile() + ")" : "");
        } else {
            why = String.valueOf(cause.getMessage());
        }
        FileSystemException e = new FileSystemException(mapfile.toString(), null, "Error writing mapfile: " + why);
        e.initCause(cause);
        return e;
    }

    /** The C library's words for the common causes of {@code e}, as ddrescue prints them after a file name. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
