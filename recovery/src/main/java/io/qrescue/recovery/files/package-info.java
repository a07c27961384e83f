/**
 * Files inside an extracted ext4 volume image: which files, directories and filesystem structures a list of
 * damaged volume byte ranges hits ({@link io.qrescue.recovery.files.Ext4ImpactAnalyzer}), and copying every
 * file out without mounting ({@link io.qrescue.recovery.files.Ext4FileExtractor}). e2fsprogs' debugfs and
 * dumpe2fs are the engine; this package runs them in batches and parses what they print. While a disk is still
 * being imaged, {@link io.qrescue.recovery.files.Ext4AllocationReader} reads an ext4's metadata and its files' extents
 * in pure Java from a volume's good bytes (so the rescue can read the files first), without e2fsprogs.
 */
package io.qrescue.recovery.files;
