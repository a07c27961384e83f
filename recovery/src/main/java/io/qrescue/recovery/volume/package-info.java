/**
 * One logical volume of an image as bytes of its own: where the volume lies ({@link
 * io.qrescue.recovery.volume.VolumeLocation}, found through a {@link io.qrescue.recovery.volume.VolumeCatalog}),
 * its bytes and damage ({@link io.qrescue.recovery.volume.MappedSource}), and its extraction to a flat, sparse
 * raw image that carries its own ddrescue mapfile ({@link io.qrescue.recovery.volume.VolumeExtractor}).
 */
package io.qrescue.recovery.volume;
