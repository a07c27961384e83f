package io.qrescue.recovery.analysis;

import io.qrescue.recovery.stack.PoolNode;
import io.qrescue.recovery.stack.thin.MetadataDamage;
import io.qrescue.recovery.stack.thin.SalvagedDevice;
import io.qrescue.recovery.stack.thin.SalvagedPool;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import java.util.Map;

/**
 * A thin pool with its metadata read: the LVM node (tmeta, data LVs, thin volumes), the dm-thin metadata read from
 * the preferred tmeta placement (null when the pool has no placeable tmeta), the damage helper over it, and the
 * volume name ("vg/lv") of each thin device id, and {@code salvage}: the mappings rebuilt by
 * {@link io.qrescue.recovery.stack.thin.ThinSalvage} when the normal walk met a lost or invalid node (null when it
 * did not; then the volumes are read from {@code metadata} alone).
 */
public record PoolAnalysis(String vgName, PoolNode node, ThinMetadata metadata, MetadataDamage damage,
        Map<Long, String> volumeByDevice, DataUse dataUse, SalvagedPool salvage) {

    public PoolAnalysis {
        volumeByDevice = Map.copyOf(volumeByDevice);
    }

    public String name() {
        return vgName + "/" + node.pool().name();
    }

    /** The name of thin device {@code deviceId}, or "device N" when no LV claims it. */
    public String volumeName(long deviceId) {
        String n = volumeByDevice.get(deviceId);
        return n != null ? n : name() + " device " + deviceId;
    }

    /** Device {@code deviceId} as the salvage rebuilt it, or null when the pool was not salvaged. */
    public SalvagedDevice salvaged(long deviceId) {
        return salvage == null ? null : salvage.device(deviceId);
    }
}
