/**
 * {@code qrescue rescue}: one resumable job from a failing disk to files and a report. Stages, each skipped
 * when a rerun finds it done for the same mapfile:
 * <pre>
 *  discover   image only what the stack's metadata needs (GPT, md superblocks, LVM label and metadata, the thin
 *             pool's metadata), analyse, look further, until nothing new is found; then retry those areas
 *  image      the rest of the disk, ddrescue's phases
 *  analyse    the stack in pure Java and the cost of every unreadable region
 *  extract    every volume the stack can place, as a sparse image with its own mapfile
 *  files      the files of each ext4 volume, with sha256 manifests and the damaged ones named
 *  report     report.html (self-contained) and report.json
 * </pre>
 * Imaging goes through {@link io.qrescue.recovery.pipeline.ImagingStep}, which the command line provides
 * ({@code qrescue image} with ddrescue's arguments), so a run's mapfile is an ordinary ddrescue mapfile.
 */
package io.qrescue.recovery.pipeline;
