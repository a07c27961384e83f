package io.qrescue.imager.rescue;

import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileSaveFailure;
import io.qrescue.mapfile.MapfileSavePolicy;
import io.qrescue.mapfile.MapfileSaver;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run keeps its mapfile: the file and its header (command line, start time), how saves are put in place
 * ({@link MapfileSaver.Store#FILES}, or memory in tests), and what to do when a save fails (ask the user as ddrescue
 * does, or stop). The run saves through the one crash-safe {@link MapfileSaver}.
 *
 * @param path      the mapfile
 * @param header    creator, command line and start time; each save adds its current time
 * @param store     how a save is put in place
 * @param onFailure what to do when a save fails; the mapfile on disk is then still the last good one
 * @param workingDir where an emergency save goes first ({@code ./ddrescue.map}), then {@code $HOME}
 */
public record MapfileTarget(Path path, MapfileHeader header, MapfileSaver.Store store,
        MapfileSaveFailure.Handler onFailure, Path workingDir) {

    public MapfileTarget {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(workingDir, "workingDir");
    }

    /** The mapfile on the file system; a failed save stops the run. */
    public static MapfileTarget of(Path path, MapfileHeader header) {
        return new MapfileTarget(path, header, MapfileSaver.Store.FILES, MapfileSaveFailure.Handler.ABORT,
                Path.of("").toAbsolutePath());
    }

    /** This target with {@code handler} deciding about failed saves, emergency saves going to {@code dir} first. */
    public MapfileTarget onFailure(MapfileSaveFailure.Handler handler, Path dir) {
        return new MapfileTarget(path, header, store, handler, dir);
    }

    /** The keeper of a run that saves every {@code saveSeconds} (-1 automatic) and syncs every {@code syncSeconds}. */
    MapfileKeeper keeper(int saveSeconds, int syncSeconds, TimeSource time, MapfileSaver.OutputSync outputSync) {
        return new MapfileKeeper(new MapfileSaver(path, header, new MapfileSavePolicy(saveSeconds, syncSeconds),
                time.clock(), outputSync, store), onFailure, path, workingDir);
    }
}
