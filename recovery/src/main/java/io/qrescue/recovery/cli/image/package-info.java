/**
 * The {@code qrescue image} command: rescuing a device into an image file as GNU ddrescue 1.27 does. The
 * progress listeners here render what the engine reports: ddrescue's live status screen on a terminal
 * ({@link io.qrescue.recovery.cli.image.ProgressScreen}), readable log lines otherwise
 * ({@link io.qrescue.recovery.cli.image.ProgressLines}) and newline-delimited JSON for scripts
 * ({@link io.qrescue.recovery.cli.image.JsonEvents}).
 */
package io.qrescue.recovery.cli.image;
