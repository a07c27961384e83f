package io.qrescue.imager.pipeline;

/**
 * How the writer treats the data of a read (ddrescue's write options).
 *
 * @param sparse        -S: do not write blocks of zeros; remember the end of the highest one instead
 * @param compareFirst  -C: read the output first and write only if it differs
 * @param syncEach      -y: sync the output after every write
 */
public record WriteOptions(boolean sparse, boolean compareFirst, boolean syncEach) {
}
