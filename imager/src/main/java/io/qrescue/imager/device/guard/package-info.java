/**
 * Decorators that keep a rescue going when the input misbehaves as a whole rather than sector by sector:
 * {@link io.qrescue.imager.device.guard.DeadlineDevice} gives up on a read that does not return in time (a
 * drive retrying internally for minutes) and {@link io.qrescue.imager.device.guard.ReattachingDevice} finds a
 * disk that dropped off the bus again by serial number and size, never by its old node name. Both report what
 * they did to a {@link io.qrescue.imager.device.guard.DeviceEventListener}; neither prints.
 */
package io.qrescue.imager.device.guard;
