/**
 * Where rescued data goes: {@link io.qrescue.imager.output.OutputImage}, written at input position plus the
 * output offset, implemented by a file and by a sparse in-memory image for tests.
 */
package io.qrescue.imager.output;
