package io.qrescue.recovery.stack.thin;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * A thin pool's mappings as {@link ThinSalvage} rebuilt them: where the superblock came from (or that there was
 * none), the pool's geometry, every device, and the notes people need to judge it (ambiguities with every
 * candidate, data space-map conflicts, what could not be used).
 */
public final class SalvagedPool {

    private final String superblockSource;
    private final ThinSuperblock superblock;
    private final int blockSizeBytes;
    private final long dataBlockSizeSectors;
    private final long nrDataBlocks;
    private final long transactionId;
    private final long time;
    private final SortedMap<Long, SalvagedDevice> devices;
    private final List<String> notes;

    SalvagedPool(String superblockSource, ThinSuperblock superblock, int blockSizeBytes, long dataBlockSizeSectors,
            long nrDataBlocks, long transactionId, long time, SortedMap<Long, SalvagedDevice> devices,
            List<String> notes) {
        this.superblockSource = superblockSource;
        this.superblock = superblock;
        this.blockSizeBytes = blockSizeBytes;
        this.dataBlockSizeSectors = dataBlockSizeSectors;
        this.nrDataBlocks = nrDataBlocks;
        this.transactionId = transactionId;
        this.time = time;
        this.devices = Collections.unmodifiableSortedMap(devices);
        this.notes = List.copyOf(notes);
    }

    /** "primary superblock", "QNAP backup superblock at block N (backup_id M)" or "none: ...". */
    public String superblockSource() {
        return superblockSource;
    }

    /** The superblock the rebuild started from, or null when none was valid. */
    public ThinSuperblock superblock() {
        return superblock;
    }

    public int blockSizeBytes() {
        return blockSizeBytes;
    }

    public long dataBlockSizeSectors() {
        return dataBlockSizeSectors;
    }

    public long dataBlockSizeBytes() {
        return dataBlockSizeSectors * 512;
    }

    /** Data blocks of the pool (the superblock's count, else what the data LV holds). */
    public long nrDataBlocks() {
        return nrDataBlocks;
    }

    public long transactionId() {
        return transactionId;
    }

    /** The snapshot time counter (the superblock's, else the newest mapping time found). */
    public long time() {
        return time;
    }

    public SortedMap<Long, SalvagedDevice> devices() {
        return devices;
    }

    public SalvagedDevice device(long id) {
        return devices.get(id);
    }

    public List<String> notes() {
        return notes;
    }

    /** True when some device needed more than its live tree. */
    public boolean rebuiltAnything() {
        return superblock == null || devices.values().stream().anyMatch(SalvagedDevice::rebuilt);
    }
}
