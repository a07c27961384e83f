/**
 * The {@code qrescue image} command line: GNU ddrescue 1.27's argv turned into an
 * {@link io.qrescue.recovery.imaging.ImagingRequest} ({@link io.qrescue.recovery.cli.image.DdrescueArgumentParser}
 * and {@link io.qrescue.recovery.cli.image.OperandFileChecks} refuse exactly what ddrescue refuses, with its messages
 * and exit codes; {@link io.qrescue.recovery.cli.image.OwnOptions} takes qrescue's own options out first), run by
 * the imaging layer, and rendered by {@link io.qrescue.recovery.cli.image.ImageDisplay}: ddrescue's messages,
 * its live status screen on a terminal ({@link io.qrescue.recovery.cli.image.ProgressScreen}), readable log lines
 * otherwise ({@link io.qrescue.recovery.cli.image.ProgressLines}), newline-delimited JSON for scripts
 * ({@link io.qrescue.recovery.cli.image.JsonEvents}), and ddrescue's questions ({@code --ask}, a failed mapfile
 * save).
 */
package io.qrescue.recovery.cli.image;
