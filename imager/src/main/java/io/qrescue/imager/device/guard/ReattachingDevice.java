package io.qrescue.imager.device.guard;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadError;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.time.TimeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reattaches a disk that dropped off the bus (USB bridges reset, SATA links go down): when a read copies nothing
 * and fails with ENODEV or ENXIO, or when the device cannot be reopened, it looks the disk up by its
 * {@link DeviceIdentity} through a {@link DeviceLocator} every poll interval, opens the node found with a
 * {@link DeviceOpener} and repeats the read there. The old node name is never reused: the returning disk may be
 * another node, and the old name may by then belong to another disk. If the disk is not back within the
 * maximum wait, the failed outcome goes up unchanged, so the engine stops with its fatal-error message and
 * saves the map (exit status 1), as ddrescue does when the input is gone.
 */
public final class ReattachingDevice implements BlockDevice {

    private final DeviceIdentity identity;
    private final long sizeBytes; // the size the rescue was planned with; a returning device must show it again
    private final DeviceLocator locator;
    private final DeviceOpener opener;
    private final ReattachPolicy policy;
    private final TimeSource time;
    private final DeviceEventListener listener;
    private volatile BlockDevice current;
    private volatile boolean currentClosed;

    /**
     * @param current the device as opened at the start; a device found again must have its size (which under
     *                test mode may be smaller than {@code identity.sizeBytes()}, the size of the disk)
     * @param time    the clock the polls sleep on
     */
    public ReattachingDevice(BlockDevice current, DeviceIdentity identity, DeviceLocator locator, DeviceOpener opener,
            ReattachPolicy policy, TimeSource time, DeviceEventListener listener) {
        this.current = current;
        this.sizeBytes = current.size();
        this.identity = identity;
        this.locator = locator;
        this.opener = opener;
        this.policy = policy;
        this.time = time;
        this.listener = listener;
    }

    @Override
    public long size() {
        return current.size();
    }

    @Override
    public int sectorSize() {
        return current.sectorSize();
    }

    @Override
    public boolean directIo() {
        return current.directIo();
    }

    @Override
    public ReadOutcome read(long pos, ByteBuffer dst) {
        int start = dst.position();
        if (currentClosed) { // it did not come back last time: as gone as before, without another wait
            return ReadOutcome.failed(0, dst.remaining(), ReadError.ENODEV, 0);
        }
        BlockDevice used = current;
        ReadOutcome outcome = used.read(pos, dst);
        if (isGone(outcome) && reattachAfter(used)) {
            // once only: a disk that is gone again at once is not worth another wait inside the same read
            dst.position(start);
            outcome = current.read(pos, dst);
        }
        return outcome;
    }

    private static boolean isGone(ReadOutcome outcome) {
        return outcome.copiedBytes() == 0 && outcome.hasError()
                && (outcome.error() == ReadError.ENODEV || outcome.error() == ReadError.ENXIO);
    }

    /** Reopens the device; if that fails because the node vanished, waits for the disk to come back. */
    @Override
    public boolean reopen() {
        return !currentClosed && current.reopen() || reattach();
    }

    /**
     * Reattaches unless another reader did since {@code lost} failed (the copy pipeline reads from several
     * threads): a device is waited for once, not once per read in flight.
     */
    private synchronized boolean reattachAfter(BlockDevice lost) {
        if (current != lost) {
            return !currentClosed;
        }
        return reattach();
    }

    private synchronized boolean reattach() {
        listener.deviceEvent(new DeviceEvent.DeviceLost(identity, policy.maxWaitNanos()));
        closeCurrent();
        long start = time.epochNanos();
        while (true) {
            Optional<BlockDevice> found = tryOpen(start);
            long waited = time.epochNanos() - start;
            if (found.isPresent()) {
                current = found.get();
                currentClosed = false;
                return true;
            }
            if (waited >= policy.maxWaitNanos()) {
                listener.deviceEvent(new DeviceEvent.DeviceNotBack(identity, waited));
                return false;
            }
            try {
                time.sleep(Math.min(policy.pollIntervalNanos(), policy.maxWaitNanos() - waited));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the run is being stopped: give up waiting
                listener.deviceEvent(new DeviceEvent.DeviceNotBack(identity, time.epochNanos() - start));
                return false;
            }
        }
    }

    /** The disk, opened at its present node, if it is attached and has the right size. */
    private Optional<BlockDevice> tryOpen(long waitStart) {
        Optional<Path> node = locator.locate(identity);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        BlockDevice device;
        try {
            device = opener.open(node.get());
        } catch (IOException e) {
            return Optional.empty(); // listed but not openable yet (udev still creating the node): poll again
        }
        if (device.size() != sizeBytes) {
            closeQuietly(device); // same serial, other size: not the disk being rescued (or not spun up yet)
            return Optional.empty();
        }
        listener.deviceEvent(new DeviceEvent.DeviceReattached(identity, node.get(), time.epochNanos() - waitStart));
        return Optional.of(device);
    }

    private void closeCurrent() {
        if (!currentClosed) {
            closeQuietly(current);
            currentClosed = true;
        }
    }

    private static void closeQuietly(BlockDevice device) {
        try {
            device.close();
        } catch (IOException | RuntimeException e) {
            // read-only and gone: nothing to lose
        }
    }

    @Override
    public void close() throws IOException {
        if (!currentClosed) {
            currentClosed = true;
            current.close();
        }
    }
}
