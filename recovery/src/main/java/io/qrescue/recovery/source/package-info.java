/**
 * The bytes the stack readers and every command see, layer on layer: an
 * {@link io.qrescue.recovery.source.ImageSource} is a rescued image ({@link io.qrescue.recovery.source.RescuedImage},
 * with its mapfile), a window of another source, or a volume mapped onto the source below
 * ({@link io.qrescue.recovery.source.MappedSource} through an {@link io.qrescue.recovery.source.ExtentMap}); each
 * knows which of its bytes are not good ({@link io.qrescue.recovery.source.Damage}: unreadable, or of unknown
 * provenance) and carries up the damage of the layers below. Readers of on-disk formats depend only on this.
 */
package io.qrescue.recovery.source;
