/**
 * {@code qrescue image}: GNU ddrescue 1.27's own command line turned into a validated, immutable
 * {@link io.qrescue.recovery.cli.image.DdrescueArguments}, refusing exactly what ddrescue refuses, with its
 * messages and exit codes. Parsing and validation only; the rescue itself belongs to the engine.
 */
package io.qrescue.recovery.cli.image;
