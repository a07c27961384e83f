package io.qrescue.mapfile;

/**
 * When to save the mapfile during a rescue, and when a save counts as a "sync" save, exactly as ddrescue 1.27
 * decides (ddrescue: Mapbook::update_mapfile with {@code --mapfile-interval=SAVE,SYNC}). Times are whole
 * seconds of a wall clock, like ddrescue's {@code time(0)}; the caller passes them in, so tests need no sleeps.
 *
 * <p>The first {@link #decide} only starts both timers, as does a clock that went backwards. A save is due
 * when the save interval has passed since the end of the last save; it is a sync save when forced or when the
 * sync interval has passed since the end of the last sync save. A save rotates {@code MAPFILE.bak} only if
 * the previous save was a sync save. Not thread-safe.
 */
public final class MapfileSavePolicy {

    /** Save interval meaning "automatic": {@code 30 + min(270, blocks / 38)} seconds. */
    public static final int AUTO = -1;
    public static final int DEFAULT_SYNC_SECONDS = 300;
    public static final int MIN_SYNC_SECONDS = 5;

    /** What an update should do. */
    public enum Action {
        NONE,
        SAVE,
        SYNC_SAVE
    }

    private final int saveIntervalSeconds; // AUTO or >= 0
    private final int syncIntervalSeconds; // >= MIN_SYNC_SECONDS, >= saveIntervalSeconds
    private boolean started;
    private long lastSaveEnd;                // ddrescue: um_t1
    private long lastSyncEnd;                // ddrescue: um_t1s
    private boolean previousSaveSynced;      // ddrescue: um_prev_mf_sync

    /**
     * @param saveIntervalSeconds {@link #AUTO}, or seconds between saves (0: save at every update)
     * @param syncIntervalSeconds seconds between sync saves
     * @throws IllegalArgumentException with ddrescue's wording if the pair is one ddrescue rejects
     */
    public MapfileSavePolicy(int saveIntervalSeconds, int syncIntervalSeconds) {
        if (saveIntervalSeconds < AUTO) {
            throw new IllegalArgumentException("Bad save interval: " + saveIntervalSeconds);
        }
        if (syncIntervalSeconds < MIN_SYNC_SECONDS) {
            throw new IllegalArgumentException("Sync interval must be >= 5 seconds");
        }
        if (saveIntervalSeconds > syncIntervalSeconds) {
            throw new IllegalArgumentException("Save interval must be <= sync interval");
        }
        this.saveIntervalSeconds = saveIntervalSeconds;
        this.syncIntervalSeconds = syncIntervalSeconds;
    }

    /** ddrescue's defaults: automatic save interval, sync every 300 s. */
    public static MapfileSavePolicy ddrescueDefaults() {
        return new MapfileSavePolicy(AUTO, DEFAULT_SYNC_SECONDS);
    }

    /** The save interval for a map of {@code blockCount} blocks: the configured one, or 30 s to 5 min. */
    public long saveIntervalSeconds(long blockCount) {
        return saveIntervalSeconds != AUTO ? saveIntervalSeconds : 30 + Math.min(270, blockCount / 38);
    }

    public int syncIntervalSeconds() {
        return syncIntervalSeconds;
    }

    /**
     * Whether to save now. Starts the timers on the first call and whenever {@code nowSeconds} is before the
     * last save. After a save the caller reports its end with {@link #recordSave}; after a failed save it
     * reports nothing, so the next call asks for the save again.
     */
    public Action decide(long nowSeconds, long blockCount, boolean force) {
        if (!started || lastSaveEnd > nowSeconds) {
            started = true;
            lastSaveEnd = nowSeconds;
            lastSyncEnd = nowSeconds;
        }
        if (!force && nowSeconds - lastSaveEnd < saveIntervalSeconds(blockCount)) {
            return Action.NONE;
        }
        return force || nowSeconds - lastSyncEnd >= syncIntervalSeconds ? Action.SYNC_SAVE : Action.SAVE;
    }

    /** True if the next save must first turn the mapfile into {@code MAPFILE.bak}: the last save was synced. */
    public boolean rotateBackup() {
        return previousSaveSynced;
    }

    /**
     * Records a successful save that ended at {@code endSeconds}; intervals are counted from the end of a save
     * so that they exclude the time spent writing.
     */
    public void recordSave(long endSeconds, boolean synced) {
        started = true;
        lastSaveEnd = endSeconds;
        if (synced) {
            lastSyncEnd = endSeconds;
        }
        previousSaveSynced = synced;
    }
}
