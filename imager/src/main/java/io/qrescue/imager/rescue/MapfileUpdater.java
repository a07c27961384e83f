package io.qrescue.imager.rescue;

import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Mapfile;
import java.io.IOException;

/**
 * Decides when the mapfile is saved and synced (ddrescue: Mapbook::update_mapfile, spec 1.8): after a read,
 * if the save interval has passed (automatic: 30 s plus one second per 38 blocks, at most 5 min); synced if the
 * sync interval has passed too; the output is synced before every save so the map never gets ahead of the data.
 */
final class MapfileUpdater {

    private final MapfileSaver saver;
    private final OutputSync output;
    private final TimeSource time;
    private final int saveIntervalSeconds;
    private final int syncIntervalSeconds;
    private boolean started;
    private long lastSave;
    private long lastSync;

    /** Forces written data to the device before a save; generate mode writes nothing, so it syncs nothing. */
    @FunctionalInterface
    interface OutputSync {
        OutputSync NONE = () -> { };

        void sync() throws IOException;
    }

    MapfileUpdater(MapfileSaver saver, OutputImage output, TimeSource time, int saveIntervalSeconds,
            int syncIntervalSeconds) {
        this(saver, output::sync, time, saveIntervalSeconds, syncIntervalSeconds);
    }

    MapfileUpdater(MapfileSaver saver, OutputSync output, TimeSource time, int saveIntervalSeconds,
            int syncIntervalSeconds) {
        this.saver = saver;
        this.output = output;
        this.time = time;
        this.saveIntervalSeconds = saveIntervalSeconds;
        this.syncIntervalSeconds = syncIntervalSeconds;
    }

    /** Saves if due (always if {@code force}); false only if a save was attempted and failed. */
    boolean update(Mapfile mapfile, boolean force) {
        int interval = saveIntervalSeconds >= 0 ? saveIntervalSeconds
                : 30 + (int) Math.min(270L, mapfile.blocks().blockCount() / 38);
        long now = time.epochSeconds();
        if (!started || lastSave > now) {
            started = true;
            lastSave = now;
            lastSync = now;
        }
        if (!force && now - lastSave < interval) {
            return true;
        }
        boolean sync = force || now - lastSync >= syncIntervalSeconds;
        try {
            output.sync();
            saver.save(mapfile, sync);
        } catch (IOException e) {
            return false;
        }
        lastSave = time.epochSeconds(); // intervals exclude the time spent writing
        if (sync) {
            lastSync = lastSave;
        }
        return true;
    }
}
