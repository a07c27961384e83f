package io.qrescue.imager.device.guard;

/** Receives the guards' events, on the thread that called the device (the rescuing thread). */
@FunctionalInterface
public interface DeviceEventListener {

    void deviceEvent(DeviceEvent event);

    /** A listener that drops every event. */
    static DeviceEventListener none() {
        return event -> {
        };
    }
}
