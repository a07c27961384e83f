package io.qrescue.imager.rescue;

/**
 * Skip sizes of the copying phase (spec 2.4; ddrescue: the Rescuebook constructor): the initial skip defaults to
 * 1/100000 of the input rounded up to 64 KiB (at least 64 KiB), the maximum to 1/100 of the input (at least the
 * initial skip); both rounded up to whole sectors.
 *
 * @param initial bytes skipped after the first error of a run of errors; 0 disables skipping
 * @param max     largest skip
 */
record SkipSizes(long initial, long max) {

    static SkipSizes of(RescueOptions options, long inputSize) {
        long initial = options.skipSize();
        long max = options.maxSkipSize();
        if (initial < 0) {
            initial = roundUp(Math.max(inputSize / 100000, RescueOptions.MIN_SKIP_SIZE), RescueOptions.MIN_SKIP_SIZE);
        }
        long onePercent = inputSize / 100;
        if (inputSize > 0 && initial > 0 && max == RescueOptions.MAX_MAX_SKIP_SIZE && onePercent < max) {
            max = Math.max(initial, onePercent);
        }
        return new SkipSizes(roundUp(initial, options.sectorSize()), roundUp(max, options.sectorSize()));
    }

    /** {@code size} rounded up to a multiple of {@code unit}, unless that would overflow. */
    static long roundUp(long size, long unit) {
        long rest = size % unit;
        if (rest == 0) {
            return size;
        }
        long down = size - rest;
        return Long.MAX_VALUE - down >= unit ? down + unit : down;
    }
}
