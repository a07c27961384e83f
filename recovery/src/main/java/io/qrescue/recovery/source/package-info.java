/**
 * The bytes the stack readers see: an {@link io.qrescue.recovery.source.ImageSource} (a rescued image file,
 * a byte array in tests, or a window of another source), which parts of it were never read
 * ({@link io.qrescue.recovery.source.Readability}, from a ddrescue mapfile), and how a logical volume's bytes
 * lie in it ({@link io.qrescue.recovery.source.ExtentMap}). Readers of on-disk formats depend only on this.
 */
package io.qrescue.recovery.source;
