package io.qrescue.recovery.vm.seed;

import io.qrescue.recovery.vm.lvmfix.StockRewrite;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the seed sequence.
 *
 * @param stepTimeout          limit for each examine, assemble, lvm and mount command
 * @param copyTimeout          limit for writing the tar onto the output disk
 * @param outputDevice         the output disk as the VM names it (/dev/sdb, /dev/vdb)
 * @param outputDeviceSectors  its size in 512-byte sectors; the VM's view must match before anything is written
 * @param stockMetadata        host-made stock metadata per VG name, restored when the VM's lvm refuses that VG
 * @param imagesBehindOverlay  true when every image is attached behind a throw-away overlay (qemu snapshot=on):
 *                             only then may the md array be switched to read-write for vgcfgrestore
 * @param lvm                  the lvm program ("lvm"; vgs, lvs... are its subcommands)
 */
public record SeedOptions(Duration stepTimeout, Duration copyTimeout, String outputDevice, long outputDeviceSectors,
                          Map<String, StockRewrite> stockMetadata, boolean imagesBehindOverlay, String lvm) {

    public SeedOptions {
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(copyTimeout, "copyTimeout");
        if (!outputDevice.matches("/dev/[a-z]+[a-z0-9]*")) {
            throw new IllegalArgumentException("output device must be /dev/NAME: " + outputDevice);
        }
        stockMetadata = Map.copyOf(stockMetadata);
    }
}
