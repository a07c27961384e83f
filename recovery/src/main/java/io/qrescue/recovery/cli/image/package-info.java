/**
 * The {@code qrescue image} command: rescuing a device into an image file as GNU ddrescue 1.27 does. GNU
 * ddrescue's own command line is turned into a validated {@link io.qrescue.recovery.cli.image.DdrescueArguments}
 * (refusing exactly what ddrescue refuses, with its messages and exit codes), mapped onto the engine's options
 * and run by {@link io.qrescue.recovery.cli.image.EngineLauncher}, after qrescue's own device checks
 * ({@link io.qrescue.recovery.cli.image.DeviceSafety}: no mounted output device, no resume from another disk). The progress listeners render what the
 * engine reports: ddrescue's live status screen on a terminal ({@link io.qrescue.recovery.cli.image.ProgressScreen}),
 * readable log lines otherwise ({@link io.qrescue.recovery.cli.image.ProgressLines}) and newline-delimited JSON
 * for scripts ({@link io.qrescue.recovery.cli.image.JsonEvents}). qrescue's own options are taken out first
 * ({@link io.qrescue.recovery.cli.image.OwnOptions}); {@link io.qrescue.recovery.cli.image.InputGuards} puts the
 * per-read deadline and the reattaching of a vanished disk around the input.
 */
package io.qrescue.recovery.cli.image;
