package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileSaveFailure;
import io.qrescue.mapfile.MapfileSaver;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Saves a run's map through the {@link MapfileSaver} as ddrescue's update_mapfile does, and deals with a save that
 * fails as ddrescue does: the handler retries (the user fixed the problem), makes an emergency save to
 * {@code ./ddrescue.map} or {@code $HOME/ddrescue.map} and stops, or stops. A failure is never dropped: the run
 * stops and {@link #failure()} says why; the mapfile on disk stays the last good one.
 */
final class MapfileKeeper {

    private final MapfileSaver saver;
    private final MapfileSaveFailure.Handler handler;
    private final Path mapfile;
    private final Path workingDir;
    private MapfileSaveFailure failure;
    private Path emergencySave;
    private boolean savedLast; // whether the last update wrote the mapfile

    MapfileKeeper(MapfileSaver saver, MapfileSaveFailure.Handler handler, Path mapfile, Path workingDir) {
        this.saver = saver;
        this.handler = handler;
        this.mapfile = mapfile;
        this.workingDir = workingDir;
    }

    /** Writes the mapfile of a new rescue before the first read (ddrescue: "Can't create mapfile"). */
    void create(Mapfile map) throws IOException {
        saver.create(map);
    }

    /** Saves if due (always if {@code force}); false once a save failed and the run must stop. */
    boolean update(Mapfile map, boolean force) {
        savedLast = false;
        while (true) {
            try {
                if (force) {
                    saver.forceSave(map);
                    savedLast = true;
                } else {
                    savedLast = saver.maybeSave(map);
                }
                return true;
            } catch (IOException e) {
                failure = new MapfileSaveFailure(mapfile, e);
                switch (handler.decide(failure)) {
                    case RETRY -> force = true; // the save that failed is due now
                    case EMERGENCY_SAVE -> {
                        try {
                            emergencySave = saver.emergencySave(map, workingDir);
                        } catch (FileSystemException emergency) {
                            failure.cause().addSuppressed(emergency);
                        }
                        return false;
                    }
                    case ABORT -> {
                        return false;
                    }
                }
            }
        }
    }

    /** Whether the last {@link #update} wrote the mapfile (it was due, or forced, and succeeded). */
    boolean savedLast() {
        return savedLast;
    }

    /** The save that failed last and stopped the run, or null. */
    MapfileSaveFailure failure() {
        return failure;
    }

    /** "Error writing mapfile: REASON", and where an emergency save put the map; null without a failure. */
    String failureMessage() {
        if (failure == null) {
            return null;
        }
        return "Error writing mapfile: " + failure.reason()
                + (emergencySave == null ? "" : "; the map was saved to " + emergencySave);
    }

    /** Where the emergency save went, or null when there was none (or it failed too). */
    Path emergencySave() {
        return emergencySave;
    }
}
