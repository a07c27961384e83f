package io.qrescue.imager.rescue;

import io.qrescue.mapfile.BlockMap;
import java.util.Objects;

/**
 * Every ddrescue 1.27 rescue option that changes what the rescue does (spec 2.11), resolved to plain values
 * (ddrescue: Rb_options, Mb_options and the domain options). Immutable; validated on construction with
 * ddrescue's limits. Build it with {@link #builder()}.
 *
 * <p>Not here, because they do not change the algorithm or are applied when the caller opens files: test mode
 * {@code -H}/{@code -L} (build a {@link io.qrescue.imager.device.FaultModelDevice} from the test map, read
 * loosely for {@code -L}), direct input {@code -d} (wrap the device in an
 * {@link io.qrescue.imager.device.AlignedReadDevice}), {@code -L} for the domain map (read {@code domainMap}
 * loosely), {@code -p}, {@code -f}, {@code -q}, {@code -v}, {@code -P}, {@code --ask}, the log file names.
 *
 * @param sectorSize              -b: bytes per sector, 1 to 2^28
 * @param clusterSectors          -c: sectors per copying read, at least 1
 * @param inputPosition           -i: start of the rescue domain
 * @param outputPosition          -o: where {@code inputPosition} goes in the output; -1 = same as -i
 * @param maxSize                 -s: size of the rescue domain; -1 = to the end of the input
 * @param domainMap               -m: only the finished blocks of this map are rescued; null = no domain map
 * @param completeOnly            -C: do not extend the map to the input size
 * @param verifyInputSize         -I: the input size must equal the extent of the mapfile
 * @param tryAgain                -A: non-trimmed and non-scraped blocks become non-tried first
 * @param retrim                  -M: non-scraped and bad-sector blocks become non-trimmed first
 * @param noTrim                  -N: skip the trimming phase
 * @param noScrape                -n: skip the scraping phase
 * @param reverse                 -R: reverse the direction of every pass
 * @param unidirectional          -u: do not alternate directions between passes
 * @param copyPasses              --cpass: copying passes to run
 * @param maxRetries              -r: retry passes; -1 = until no bad sector is left
 * @param skipSize                -K INITIAL: first skip after a read error; -1 = automatic; 0 = no skipping
 * @param maxSkipSize             -K ,MAX: largest skip; {@link #MAX_MAX_SKIP_SIZE} = automatic
 * @param maxBadAreas             -e: stop when there are more bad areas; {@link Long#MAX_VALUE} = no limit
 * @param newBadAreasOnly         -e +N: count only bad areas found in this run
 * @param maxReadErrors           -X: stop after more failed reads; {@link Long#MAX_VALUE} = no limit
 * @param maxErrorRate            -E: bytes per second of failed reads to stop at; -1 = no limit
 * @param minReadRate             -a: slower reads are "slow"; 0 = a tenth of the average rate; -1 = off
 * @param maxReadRate             -Z: bytes per second to stay under; 0 = no limit
 * @param timeoutSeconds          -T: stop after this long without a good read; -1 = never
 * @param delaySlowSeconds        --delay-slow: no read counts as slow this early in the run
 * @param maxSlowReads            --max-slow-reads: stop after more slow reads; {@link Long#MAX_VALUE} = no limit
 * @param resetSlow               --reset-slow: a second that is not slow resets the slow-read count
 * @param pauseOnErrorNanos       --pause-on-error: pause after each failed read; 0 = none
 * @param simulatedPauseOnError   --pause-on-error=sT: count the pause in the run time without waiting
 * @param pauseOnPassSeconds      --pause-on-pass: pause between passes; 0 = none
 * @param reopenOnError           -O: reopen the input after each read error in the copying phase
 * @param verifyOnError           -J: after a read error, re-read the last good sector and compare
 * @param sparse                  -S: do not write blocks of zeros
 * @param minOutfileSize          -x: extend the output to at least this size at the end; -1 = no
 * @param truncateOutput          -t: truncate the output first (only with a blank map)
 * @param compareBeforeWrite      -W: do not write data that the output already holds
 * @param synchronousWrites       -y: sync the output after each write
 * @param ignoreWriteErrors       -w: fill mode only; rejected here as ddrescue does in rescue mode
 * @param mapfileSaveIntervalSeconds --mapfile-interval SAVE; -1 = automatic (30 s to 5 min)
 * @param mapfileSyncIntervalSeconds --mapfile-interval ,SYNC; at least 5 and not less than the save interval
 */
public record RescueOptions(
        int sectorSize,
        int clusterSectors,
        long inputPosition,
        long outputPosition,
        long maxSize,
        BlockMap domainMap,
        boolean completeOnly,
        boolean verifyInputSize,
        boolean tryAgain,
        boolean retrim,
        boolean noTrim,
        boolean noScrape,
        boolean reverse,
        boolean unidirectional,
        CopyPasses copyPasses,
        int maxRetries,
        long skipSize,
        long maxSkipSize,
        long maxBadAreas,
        boolean newBadAreasOnly,
        long maxReadErrors,
        long maxErrorRate,
        long minReadRate,
        long maxReadRate,
        long timeoutSeconds,
        long delaySlowSeconds,
        long maxSlowReads,
        boolean resetSlow,
        long pauseOnErrorNanos,
        boolean simulatedPauseOnError,
        long pauseOnPassSeconds,
        boolean reopenOnError,
        boolean verifyOnError,
        boolean sparse,
        long minOutfileSize,
        boolean truncateOutput,
        boolean compareBeforeWrite,
        boolean synchronousWrites,
        boolean ignoreWriteErrors,
        int mapfileSaveIntervalSeconds,
        int mapfileSyncIntervalSeconds) {

    /** ddrescue's default sector size. */
    public static final int DEFAULT_SECTOR_SIZE = 512;
    /** Bytes of a copying read by default: the cluster is this divided by the sector size. */
    public static final int DEFAULT_CLUSTER_BYTES = 65536;
    /** Largest sector size ddrescue accepts (2^28). */
    public static final int MAX_SECTOR_SIZE = 1 << 28;
    /** Smallest non-zero skip size (64 KiB). */
    public static final long MIN_SKIP_SIZE = 65536;
    /** Largest skip size, and the value meaning "automatic maximum" (2^60). */
    public static final long MAX_MAX_SKIP_SIZE = 1L << 60;

    public RescueOptions {
        Objects.requireNonNull(copyPasses, "copyPasses");
        check(sectorSize >= 1 && sectorSize <= MAX_SECTOR_SIZE, "sector size must be 1 to 2^28");
        check(clusterSectors >= 1, "cluster size must be at least 1 sector");
        if (clusterSectors >= Integer.MAX_VALUE / sectorSize) {
            clusterSectors = Integer.MAX_VALUE / sectorSize - 1; // ddrescue keeps a read within an int
        }
        if (clusterSectors < 1) {
            clusterSectors = 1;
        }
        check(inputPosition >= 0, "input position must not be negative");
        check(outputPosition >= -1, "output position must not be negative");
        check(maxSize >= -1, "size must be -1 or positive");
        check(maxRetries >= -1 && maxRetries <= Integer.MAX_VALUE / 2, "retry passes must be -1 to 2^30-1");
        check(skipSize == -1 || skipSize == 0 || skipSize >= MIN_SKIP_SIZE,
                "Initial skip size must be 0 or >= 64KiB");
        check(maxSkipSize >= MIN_SKIP_SIZE && maxSkipSize <= MAX_MAX_SKIP_SIZE, "max skip size must be 64KiB to 2^60");
        check(skipSize <= maxSkipSize, "Initial skip size must be <= max skip size");
        check(maxBadAreas >= 0 && maxReadErrors >= 0 && maxSlowReads >= 0, "limits must not be negative");
        check(maxErrorRate >= -1 && minReadRate >= -1 && maxReadRate >= 0, "bad rate limit");
        check(timeoutSeconds >= -1 && delaySlowSeconds >= 0, "bad time interval");
        check(pauseOnErrorNanos >= 0 && pauseOnPassSeconds >= 0, "pauses must not be negative");
        check(minOutfileSize == -1 || minOutfileSize >= 1, "extend-outfile size must be positive");
        check(!ignoreWriteErrors, "Option '-w' is incompatible with rescue mode.");
        check(mapfileSaveIntervalSeconds >= -1, "bad save interval");
        check(mapfileSyncIntervalSeconds >= 5, "Sync interval must be >= 5 seconds");
        check(mapfileSaveIntervalSeconds <= mapfileSyncIntervalSeconds, "Save interval must be <= sync interval");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Bytes of a copying read (ddrescue: softbs). */
    public int clusterBytes() {
        return clusterSectors * sectorSize;
    }

    /** Output position minus input position: where input byte p goes is p + offset. */
    public long outputOffset() {
        return (outputPosition < 0 ? inputPosition : outputPosition) - inputPosition;
    }

    /** ddrescue's defaults. */
    public static RescueOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link RescueOptions}; unset values are ddrescue's defaults. */
    public static final class Builder {
        private int sectorSize = DEFAULT_SECTOR_SIZE;
        private int clusterSectors; // 0 = DEFAULT_CLUSTER_BYTES / sectorSize, resolved in build()
        private long inputPosition;
        private long outputPosition = -1;
        private long maxSize = -1;
        private BlockMap domainMap;
        private boolean completeOnly;
        private boolean verifyInputSize;
        private boolean tryAgain;
        private boolean retrim;
        private boolean noTrim;
        private boolean noScrape;
        private boolean reverse;
        private boolean unidirectional;
        private CopyPasses copyPasses = CopyPasses.ALL;
        private int maxRetries;
        private long skipSize = -1;
        private long maxSkipSize = MAX_MAX_SKIP_SIZE;
        private long maxBadAreas = Long.MAX_VALUE;
        private boolean newBadAreasOnly;
        private long maxReadErrors = Long.MAX_VALUE;
        private long maxErrorRate = -1;
        private long minReadRate = -1;
        private long maxReadRate;
        private long timeoutSeconds = -1;
        private long delaySlowSeconds = 30;
        private long maxSlowReads = Long.MAX_VALUE;
        private boolean resetSlow;
        private long pauseOnErrorNanos;
        private boolean simulatedPauseOnError;
        private long pauseOnPassSeconds;
        private boolean reopenOnError;
        private boolean verifyOnError;
        private boolean sparse;
        private long minOutfileSize = -1;
        private boolean truncateOutput;
        private boolean compareBeforeWrite;
        private boolean synchronousWrites;
        private boolean ignoreWriteErrors;
        private int mapfileSaveIntervalSeconds = -1;
        private int mapfileSyncIntervalSeconds = 300;

        private Builder() {
        }

        private Builder(RescueOptions o) {
            sectorSize = o.sectorSize;
            clusterSectors = o.clusterSectors;
            inputPosition = o.inputPosition;
            outputPosition = o.outputPosition;
            maxSize = o.maxSize;
            domainMap = o.domainMap;
            completeOnly = o.completeOnly;
            verifyInputSize = o.verifyInputSize;
            tryAgain = o.tryAgain;
            retrim = o.retrim;
            noTrim = o.noTrim;
            noScrape = o.noScrape;
            reverse = o.reverse;
            unidirectional = o.unidirectional;
            copyPasses = o.copyPasses;
            maxRetries = o.maxRetries;
            skipSize = o.skipSize;
            maxSkipSize = o.maxSkipSize;
            maxBadAreas = o.maxBadAreas;
            newBadAreasOnly = o.newBadAreasOnly;
            maxReadErrors = o.maxReadErrors;
            maxErrorRate = o.maxErrorRate;
            minReadRate = o.minReadRate;
            maxReadRate = o.maxReadRate;
            timeoutSeconds = o.timeoutSeconds;
            delaySlowSeconds = o.delaySlowSeconds;
            maxSlowReads = o.maxSlowReads;
            resetSlow = o.resetSlow;
            pauseOnErrorNanos = o.pauseOnErrorNanos;
            simulatedPauseOnError = o.simulatedPauseOnError;
            pauseOnPassSeconds = o.pauseOnPassSeconds;
            reopenOnError = o.reopenOnError;
            verifyOnError = o.verifyOnError;
            sparse = o.sparse;
            minOutfileSize = o.minOutfileSize;
            truncateOutput = o.truncateOutput;
            compareBeforeWrite = o.compareBeforeWrite;
            synchronousWrites = o.synchronousWrites;
            ignoreWriteErrors = o.ignoreWriteErrors;
            mapfileSaveIntervalSeconds = o.mapfileSaveIntervalSeconds;
            mapfileSyncIntervalSeconds = o.mapfileSyncIntervalSeconds;
        }

        /** -b. */
        public Builder sectorSize(int bytes) {
            this.sectorSize = bytes;
            return this;
        }

        /** -c; 0 restores the default of 64 KiB worth of sectors. */
        public Builder clusterSectors(int sectors) {
            this.clusterSectors = sectors;
            return this;
        }

        /** -i. */
        public Builder inputPosition(long bytes) {
            this.inputPosition = bytes;
            return this;
        }

        /** -o; -1 = same as the input position. */
        public Builder outputPosition(long bytes) {
            this.outputPosition = bytes;
            return this;
        }

        /** -s; -1 = to the end. */
        public Builder maxSize(long bytes) {
            this.maxSize = bytes;
            return this;
        }

        /** -m: the map whose finished blocks form the domain; null for none. */
        public Builder domainMap(BlockMap map) {
            this.domainMap = map;
            return this;
        }

        /** -C. */
        public Builder completeOnly(boolean value) {
            this.completeOnly = value;
            return this;
        }

        /** -I. */
        public Builder verifyInputSize(boolean value) {
            this.verifyInputSize = value;
            return this;
        }

        /** -A. */
        public Builder tryAgain(boolean value) {
            this.tryAgain = value;
            return this;
        }

        /** -M. */
        public Builder retrim(boolean value) {
            this.retrim = value;
            return this;
        }

        /** -N. */
        public Builder noTrim(boolean value) {
            this.noTrim = value;
            return this;
        }

        /** -n. */
        public Builder noScrape(boolean value) {
            this.noScrape = value;
            return this;
        }

        /** -R. */
        public Builder reverse(boolean value) {
            this.reverse = value;
            return this;
        }

        /** -u. */
        public Builder unidirectional(boolean value) {
            this.unidirectional = value;
            return this;
        }

        /** --cpass. */
        public Builder copyPasses(CopyPasses passes) {
            this.copyPasses = passes;
            return this;
        }

        /** -r; -1 = unlimited. */
        public Builder maxRetries(int passes) {
            this.maxRetries = passes;
            return this;
        }

        /** -K INITIAL; -1 = automatic, 0 = no skipping. */
        public Builder skipSize(long bytes) {
            this.skipSize = bytes;
            return this;
        }

        /** -K ,MAX. */
        public Builder maxSkipSize(long bytes) {
            this.maxSkipSize = bytes;
            return this;
        }

        /** -e N, or -e +N with {@code newOnly}. */
        public Builder maxBadAreas(long areas, boolean newOnly) {
            this.maxBadAreas = areas;
            this.newBadAreasOnly = newOnly;
            return this;
        }

        /** -X (--exit-on-error is -X0). */
        public Builder maxReadErrors(long errors) {
            this.maxReadErrors = errors;
            return this;
        }

        /** -E; -1 = no limit. */
        public Builder maxErrorRate(long bytesPerSecond) {
            this.maxErrorRate = bytesPerSecond;
            return this;
        }

        /** -a; 0 = automatic, -1 = off. */
        public Builder minReadRate(long bytesPerSecond) {
            this.minReadRate = bytesPerSecond;
            return this;
        }

        /** -Z; 0 = no limit. */
        public Builder maxReadRate(long bytesPerSecond) {
            this.maxReadRate = bytesPerSecond;
            return this;
        }

        /** -T; -1 = never. */
        public Builder timeoutSeconds(long seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        /** --delay-slow. */
        public Builder delaySlowSeconds(long seconds) {
            this.delaySlowSeconds = seconds;
            return this;
        }

        /** --max-slow-reads. */
        public Builder maxSlowReads(long reads) {
            this.maxSlowReads = reads;
            return this;
        }

        /** --reset-slow. */
        public Builder resetSlow(boolean value) {
            this.resetSlow = value;
            return this;
        }

        /** --pause-on-error=T (real) or =sT ({@code simulated}). */
        public Builder pauseOnError(long nanos, boolean simulated) {
            this.pauseOnErrorNanos = nanos;
            this.simulatedPauseOnError = simulated;
            return this;
        }

        /** --pause-on-pass. */
        public Builder pauseOnPassSeconds(long seconds) {
            this.pauseOnPassSeconds = seconds;
            return this;
        }

        /** -O. */
        public Builder reopenOnError(boolean value) {
            this.reopenOnError = value;
            return this;
        }

        /** -J. */
        public Builder verifyOnError(boolean value) {
            this.verifyOnError = value;
            return this;
        }

        /** -S. */
        public Builder sparse(boolean value) {
            this.sparse = value;
            return this;
        }

        /** -x; -1 = no. */
        public Builder minOutfileSize(long bytes) {
            this.minOutfileSize = bytes;
            return this;
        }

        /** -t. */
        public Builder truncateOutput(boolean value) {
            this.truncateOutput = value;
            return this;
        }

        /** -W. */
        public Builder compareBeforeWrite(boolean value) {
            this.compareBeforeWrite = value;
            return this;
        }

        /** -y. */
        public Builder synchronousWrites(boolean value) {
            this.synchronousWrites = value;
            return this;
        }

        /** -w (accepted by the builder so that validation can reject it like ddrescue). */
        public Builder ignoreWriteErrors(boolean value) {
            this.ignoreWriteErrors = value;
            return this;
        }

        /** --mapfile-interval=SAVE,SYNC; SAVE -1 = automatic. */
        public Builder mapfileIntervals(int saveSeconds, int syncSeconds) {
            this.mapfileSaveIntervalSeconds = saveSeconds;
            this.mapfileSyncIntervalSeconds = syncSeconds;
            return this;
        }

        /** @throws IllegalArgumentException for values ddrescue rejects */
        public RescueOptions build() {
            int cluster = clusterSectors > 0 ? clusterSectors : Math.max(1, DEFAULT_CLUSTER_BYTES / Math.max(1, sectorSize));
            return new RescueOptions(sectorSize, cluster, inputPosition, outputPosition, maxSize, domainMap,
                    completeOnly, verifyInputSize, tryAgain, retrim, noTrim, noScrape, reverse, unidirectional,
                    copyPasses, maxRetries, skipSize, maxSkipSize, maxBadAreas, newBadAreasOnly, maxReadErrors,
                    maxErrorRate, minReadRate, maxReadRate, timeoutSeconds, delaySlowSeconds, maxSlowReads, resetSlow,
                    pauseOnErrorNanos, simulatedPauseOnError, pauseOnPassSeconds, reopenOnError, verifyOnError, sparse,
                    minOutfileSize, truncateOutput, compareBeforeWrite, synchronousWrites, ignoreWriteErrors,
                    mapfileSaveIntervalSeconds, mapfileSyncIntervalSeconds);
        }
    }
}
