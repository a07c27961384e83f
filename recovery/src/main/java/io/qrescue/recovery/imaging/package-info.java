/**
 * The imaging application layer: one typed entry for every ddrescue-style run (rescue, command mode, fill,
 * generate). An {@link io.qrescue.recovery.imaging.ImagingRequest} holds the file operands, the one ddrescue
 * options model ({@link io.qrescue.imager.rescue.RescueOptions}) and qrescue's own options
 * ({@link io.qrescue.recovery.imaging.QrescueOptions}); {@link io.qrescue.recovery.imaging.Imaging} reads the
 * domain and test-mode mapfiles, makes qrescue's device checks ({@link io.qrescue.recovery.imaging.DeviceSafety}:
 * no mounted output device; {@link io.qrescue.recovery.imaging.SourceHistory}: the sources a mapfile was fed from),
 * opens the files and runs the engine. It never prints: messages, progress and questions go to an
 * {@link io.qrescue.recovery.imaging.ImagingDisplay} that the caller supplies ({@code qrescue image} renders them
 * as ddrescue does; {@code qrescue rescue} as its own lines). {@code qrescue image} and {@code qrescue rescue}
 * both come through here.
 */
package io.qrescue.recovery.imaging;
