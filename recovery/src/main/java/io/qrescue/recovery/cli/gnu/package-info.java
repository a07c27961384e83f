/**
 * GNU ddrescue's command-line conventions, so qrescue accepts ddrescue's and ddrescuelog's own argument
 * syntax: clustered short options, abbreviated long options, optional arguments attached to the option
 * ({@code -c?+}, {@code --create-mapfile=?+}), numbers with multipliers ({@code 0x10000}, {@code 64Ki},
 * {@code 8s}). Parsing only; messages are ddrescue's words so scripts see what they expect.
 */
package io.qrescue.recovery.cli.gnu;
