package io.qrescue.mapfile;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Saves the mapfile of a running rescue the way ddrescue's update_mapfile does, crash-safely: the rescue
 * engine calls {@link #maybeSave} after every read and {@link #forceSave} at the end of the run. Each save
 * first syncs the output image through {@link OutputSync}, so the mapfile never claims data that are not
 * on the device yet, then writes the map with a {@code Current time} header line through {@link MapfileFiles}.
 *
 * <p>Every save is forced to the device before it replaces the mapfile; the sync/non-sync distinction of
 * {@link MapfileSavePolicy} only decides the {@code MAPFILE.bak} rotation, which stays as ddrescue's. Never
 * prints. Not thread-safe.
 */
public final class MapfileSaver {

    /** Forces the rescued data to the device (ddrescue: {@code fsync(outfile)}); runs before every save. */
    @FunctionalInterface
    public interface OutputSync {

        /** For runs without an output file to sync (ddrescue's generate mode). */
        OutputSync NONE = () -> { };

        void sync() throws IOException;
    }

    /**
     * Puts a rendered map in place. {@link #FILES} is the real, crash-safe one ({@link MapfileFiles}); tests of the
     * engine keep the maps in memory.
     */
    public interface Store {

        /** The crash-safe replacement on the file system. */
        Store FILES = new Store() {
            private final MapfileFiles files = new MapfileFiles();

            @Override
            public void replace(Path mapfile, byte[] content, boolean rotateBackup) throws IOException {
                files.replace(mapfile, content, rotateBackup);
            }

            @Override
            public void removeStaleTemporaries(Path mapfile) {
                files.removeStaleTemporaries(mapfile);
            }
        };

        /** Replaces the mapfile with {@code content} (see {@link MapfileFiles#replace}). */
        void replace(Path mapfile, byte[] content, boolean rotateBackup) throws IOException;

        /** Clears what a killed run left beside the mapfile; best effort. */
        default void removeStaleTemporaries(Path mapfile) {
        }
    }

    private final Path mapfile;
    private final MapfileHeader header;
    private final MapfileSavePolicy policy;
    private final Clock clock;
    private final OutputSync outputSync;
    private final Store store;
    private final MapfileFiles files;
    private boolean staleTemporariesRemoved;

    /**
     * @param header     creator, command line and start time; each save adds its own current time
     * @param clock      the time for the intervals and for the {@code Current time} line (local time in the
     *                   clock's zone)
     * @param outputSync syncs the output image; if it throws, nothing is saved and its exception propagates
     */
    public MapfileSaver(Path mapfile, MapfileHeader header, MapfileSavePolicy policy, Clock clock,
            OutputSync outputSync) {
        this(mapfile, header, policy, clock, outputSync, new MapfileFiles());
    }

    MapfileSaver(Path mapfile, MapfileHeader header, MapfileSavePolicy policy, Clock clock, OutputSync outputSync,
            MapfileFiles files) {
        this(mapfile, header, policy, clock, outputSync, new Store() {
            @Override
            public void replace(Path map, byte[] content, boolean rotateBackup) throws IOException {
                files.replace(map, content, rotateBackup);
            }

            @Override
            public void removeStaleTemporaries(Path map) {
                files.removeStaleTemporaries(map);
            }
        }, files);
    }

    /** Saves through {@code store} (emergency saves always go to real files). */
    public MapfileSaver(Path mapfile, MapfileHeader header, MapfileSavePolicy policy, Clock clock, OutputSync outputSync,
            Store store) {
        this(mapfile, header, policy, clock, outputSync, store, new MapfileFiles());
    }

    private MapfileSaver(Path mapfile, MapfileHeader header, MapfileSavePolicy policy, Clock clock,
            OutputSync outputSync, Store store, MapfileFiles files) {
        this.mapfile = Objects.requireNonNull(mapfile, "mapfile");
        this.header = Objects.requireNonNull(header, "header");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outputSync = Objects.requireNonNull(outputSync, "outputSync");
        this.store = Objects.requireNonNull(store, "store");
        this.files = files;
    }

    public Path mapfile() {
        return mapfile;
    }

    /**
     * Writes a mapfile that did not exist yet, right after the output was opened (ddrescue: "Can't create
     * mapfile" on failure). Neither syncs the output nor counts as a save for the intervals or the backup.
     */
    public void create(Mapfile map) throws IOException {
        removeStaleTemporariesOnce();
        store.replace(mapfile, render(map), false);
    }

    /**
     * Saves if the policy says a save is due; returns whether it saved. A failed save throws, and the next
     * call tries again.
     *
     * @throws FileSystemException naming the mapfile; the mapfile on disk is then still the previous one
     * @throws IOException         from {@link OutputSync}
     */
    public boolean maybeSave(Mapfile map) throws IOException {
        MapfileSavePolicy.Action action = policy.decide(nowSeconds(), map.blocks().blockCount(), false);
        if (action == MapfileSavePolicy.Action.NONE) {
            return false;
        }
        save(map, action == MapfileSavePolicy.Action.SYNC_SAVE);
        return true;
    }

    /** Saves now as a sync save, as ddrescue does at the end of every run; throws like {@link #maybeSave}. */
    public void forceSave(Mapfile map) throws IOException {
        policy.decide(nowSeconds(), map.blocks().blockCount(), true);
        save(map, true);
    }

    /**
     * Saves {@code map} to {@code ./ddrescue.map}, else to {@code $HOME/ddrescue.map} (ddrescue: emergency_save,
     * offered when saving the mapfile fails) and returns where it went.
     *
     * @throws FileSystemException "ddrescue.map: Emergency save failed." with each attempt's error suppressed
     */
    public Path emergencySave(Mapfile map) throws FileSystemException {
        return emergencySave(map, Path.of("").toAbsolutePath());
    }

    /** As {@link #emergencySave(Mapfile)}, with {@code workingDir} as the current directory. */
    public Path emergencySave(Mapfile map, Path workingDir) throws FileSystemException {
        return files.emergencySave(MapfileFiles.emergencyTargets(mapfile, workingDir, System.getenv("HOME")),
                render(map));
    }

    private void save(Mapfile map, boolean sync) throws IOException {
        removeStaleTemporariesOnce();
        outputSync.sync();
        store.replace(mapfile, render(map), policy.rotateBackup());
        policy.recordSave(nowSeconds(), sync);
    }

    /** A run that resumes after a crash clears what the crashed run left, once. */
    private void removeStaleTemporariesOnce() {
        if (!staleTemporariesRemoved) {
            staleTemporariesRemoved = true;
            store.removeStaleTemporaries(mapfile);
        }
    }

    private byte[] render(Mapfile map) {
        MapfileHeader stamped = header.at(LocalDateTime.now(clock));
        return MapfileWriter.toBytes(map, stamped);
    }

    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }
}
