/**
 * {@code qrescue rescue}: one resumable job from failing disks (one, or every member of a RAID) to files and a
 * report. Stages, each skipped when a rerun finds it done for the same mapfiles:
 * <pre>
 *  discover   image only what the stack's and the filesystems' metadata needs on every disk (GPT, md
 *             superblocks, LVM label and metadata, the thin pool's metadata, each ext4's superblock, descriptors,
 *             bitmaps, used inode tables, journal, directories, extent trees), analyse all the images together
 *             ({@link io.qrescue.recovery.pipeline.StackView}), look further, until nothing new is found; then retry
 *             the metadata found, and look again (the "metadata" {@link io.qrescue.recovery.pipeline.ImagingRound})
 *  files      the data of every file, with the job's retries
 *  volumes    the rest of every volume's mapped bytes (free filesystem space: no scraping, no retries)
 *  disk       the rest of each disk (free space: no scraping, no retries); --until stops after a round. Every
 *             imaging run logs its reads (WORKDIR/reads/), counted into report.json per disk; progress.json (files
 *             complete) is rewritten after each run, and files are told complete as they become so, at each mapfile
 *             save ({@link io.qrescue.recovery.pipeline.LiveFileCompletion}). On the members of an md array with
 *             redundancy, a round that scrapes or retries runs in two: copy passes and trimming only, then (after
 *             reading the other members' share of the stripe rows of what is left) scraping and retries outside the
 *             member bytes the array heals ({@link io.qrescue.recovery.pipeline.HealedAreas}), which stay unfinished
 *             in the member's map
 *  analyse    the stack in pure Java and the cost of every unreadable region
 *  extract    every volume the stack can place, as a sparse image with its own mapfile (only imaged bytes are
 *             copied: after --until=files this costs the metadata and the files, not the volume's size)
 *  files      the files of each ext4 volume, with sha256 manifests and the damaged ones named
 *  vm         the files of the volumes the Java readers cannot place (an md array in mid-reshape ...) through a
 *             {@link io.qrescue.recovery.pipeline.VmFallback} (the recovery VM), once over all images; redone
 *             only when a map changes
 *  report     report.html (self-contained, one map per disk) and report.json
 * </pre>
 * {@link io.qrescue.recovery.pipeline.RescuePipeline#run} walks them as typed stages (the disks, the rescued images
 * with their maps, the analysis, the outputs). Each imaging round is an
 * {@link io.qrescue.recovery.imaging.ImagingRequest} (the job's ddrescue options with the round's domain mapfile
 * and retry passes) run through an {@link io.qrescue.recovery.pipeline.ImagingStep}, normally
 * {@link io.qrescue.recovery.imaging.Imaging}, so a run's mapfile is an ordinary ddrescue mapfile. The pipeline
 * never uses the command line.
 */
package io.qrescue.recovery.pipeline;
