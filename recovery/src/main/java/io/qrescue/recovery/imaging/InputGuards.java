package io.qrescue.recovery.imaging;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.guard.DeadlineDevice;
import io.qrescue.imager.device.guard.DeviceEventListener;
import io.qrescue.imager.device.guard.DeviceIdentity;
import io.qrescue.imager.device.guard.DeviceLocator;
import io.qrescue.imager.device.guard.DeviceOpener;
import io.qrescue.imager.device.guard.ReattachPolicy;
import io.qrescue.imager.device.guard.ReattachingDevice;
import io.qrescue.imager.time.TimeSource;
import java.util.Optional;

/**
 * The guards qrescue puts around the input, outermost last: the per-read deadline around the input as ddrescue
 * would read it (test mode and alignment included, so {@code -H} runs keep ddrescue's semantics), and around
 * that the reattaching of a vanished disk, which opens the returning node through the same stack. Both are off
 * by default, so a plain command line behaves as ddrescue.
 *
 * @param readTimeoutNanos  {@code --read-timeout}: give up on a read after this long; 0 = never
 * @param reattachWaitNanos {@code --reattach-wait}: wait this long for a vanished disk; 0 = stop at once
 */
public record InputGuards(long readTimeoutNanos, long reattachWaitNanos) {

    /** No deadline, no waiting: ddrescue's behaviour. */
    public static final InputGuards NONE = new InputGuards(0, 0);
    /** How often the inventory is asked while waiting: udev needs about a second to create the node. */
    static final long POLL_INTERVAL_NANOS = 1_000_000_000L;
    /**
     * How long a read after a timeout waits for the abandoned read to return: twice the kernel's SCSI command
     * timeout (30 s), after which the kernel has reset the link and failed the stuck command.
     */
    static final long SETTLE_NANOS = 60_000_000_000L;

    public InputGuards {
        if (readTimeoutNanos < 0 || reattachWaitNanos < 0) {
            throw new IllegalArgumentException("negative interval");
        }
    }

    /**
     * {@code input} (opened from its node by {@code opener}) with the guards that are on. Reattaching needs an
     * identity; without one (an image file, a disk without a serial) a vanished input stops the run as in
     * ddrescue.
     */
    BlockDevice guard(BlockDevice input, Optional<DeviceIdentity> identity, DeviceLocator locator,
            DeviceOpener opener, TimeSource time, DeviceEventListener events) {
        BlockDevice guarded = withDeadline(input, time, events);
        if (reattachWaitNanos > 0 && identity.isPresent()) {
            DeviceOpener guardedOpener = node -> withDeadline(opener.open(node), time, events);
            guarded = new ReattachingDevice(guarded, identity.get(), locator, guardedOpener,
                    new ReattachPolicy(POLL_INTERVAL_NANOS, reattachWaitNanos), time, events);
        }
        return guarded;
    }

    private BlockDevice withDeadline(BlockDevice device, TimeSource time, DeviceEventListener events) {
        return readTimeoutNanos > 0 ? new DeadlineDevice(device, readTimeoutNanos, SETTLE_NANOS, time, events) : device;
    }
}
