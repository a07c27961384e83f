package io.qrescue.recovery.testing;

import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeLocation;
import java.util.List;

/** A fixed list of volumes, as the stack scanner would find them. */
public final class FakeVolumeCatalog implements VolumeCatalog {

    private final List<VolumeLocation> volumes;

    public FakeVolumeCatalog(VolumeLocation... volumes) {
        this.volumes = List.of(volumes);
    }

    @Override
    public List<VolumeLocation> volumes() {
        return volumes;
    }
}
