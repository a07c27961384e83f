package io.qrescue.imager.device.guard;

import java.nio.file.Path;
import java.util.Locale;

/** Something the guards did to keep the input usable; {@link #message()} is the line a log or screen shows. */
public sealed interface DeviceEvent {

    /** One line of text, without the program name. */
    String message();

    /** A read did not return within the deadline; its area failed and the device was reopened (or not). */
    record ReadTimedOut(long pos, int size, long deadlineNanos, boolean reopened) implements DeviceEvent {
        @Override
        public String message() {
            return "read at 0x" + Long.toHexString(pos).toUpperCase(Locale.ROOT) + " timed out after "
                    + seconds(deadlineNanos) + " s; " + (reopened ? "device reopened" : "device could not be reopened");
        }
    }

    /** The device is gone (ENODEV, ENXIO, or it cannot be reopened); waiting for it to come back. */
    record DeviceLost(DeviceIdentity identity, long maxWaitNanos) implements DeviceEvent {
        @Override
        public String message() {
            return "input device " + identity + " is gone; waiting up to " + seconds(maxWaitNanos)
                    + " s for it to come back";
        }
    }

    /** The device came back, possibly under another node name. */
    record DeviceReattached(DeviceIdentity identity, Path path, long waitedNanos) implements DeviceEvent {
        @Override
        public String message() {
            return "input device " + identity + " is back as " + path + " after " + seconds(waitedNanos)
                    + " s; rescue continues";
        }
    }

    /** The device did not come back within the maximum wait; the rescue stops. */
    record DeviceNotBack(DeviceIdentity identity, long waitedNanos) implements DeviceEvent {
        @Override
        public String message() {
            return "input device " + identity + " did not come back within " + seconds(waitedNanos)
                    + " s; stopping";
        }
    }

    /** Seconds with up to three decimals, trailing zeros dropped ("0.25", "30"). */
    static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1_000_000L, 3).stripTrailingZeros().toPlainString();
    }
}
