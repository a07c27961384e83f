/**
 * Where rescued data goes: {@link io.qrescue.imager.output.OutputImage}, written at input position plus the
 * output offset, implemented by a file and by a sparse in-memory image for tests. Direct output (ddrescue -D)
 * is a {@link io.qrescue.imager.output.SectorAlignedImage} over a {@link io.qrescue.imager.output.RawImage} that
 * takes whole sectors only; {@link io.qrescue.imager.output.OutputImages} chooses.
 */
package io.qrescue.imager.output;
