/**
 * Time as the engine sees it: a {@link io.qrescue.imager.time.TimeSource} that can be the system clock or a
 * {@link io.qrescue.imager.time.VirtualClock}, so a simulated slow read costs no wall time in tests but still
 * counts in rates, timeouts and pauses.
 */
package io.qrescue.imager.time;
