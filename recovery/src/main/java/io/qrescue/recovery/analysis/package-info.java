/**
 * Whole-stack analysis of disk images: {@link io.qrescue.recovery.analysis.StackAnalysis} joins the stack scan
 * (partitions, md, LVM) with the thin-pool metadata and places every volume on image bytes;
 * {@link io.qrescue.recovery.analysis.DamageReport} says what each unreadable region of a ddrescue mapfile costs;
 * {@link io.qrescue.recovery.analysis.MetadataRegions} lists the metadata bytes worth rescuing first. The engine
 * never prints; the CLI renders its results.
 */
package io.qrescue.recovery.analysis;
