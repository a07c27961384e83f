package io.qrescue.imager.rescue;

import io.qrescue.mapfile.BlockStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * GNU ddrescue 1.27's options, all of them, resolved to plain values: the one model of a ddrescue command
 * line (ddrescue: the locals of main, Rb_options, Mb_options, Fb_options). {@code qrescue image} parses argv
 * into it once, at the edge; the rescue pipeline builds it with {@link #builder()}; the engine, the imaging
 * application layer and the displays read it. Immutable; validated on construction with ddrescue's limits.
 * File operands are not here (an imaging request holds them); option file names are kept as typed, relative
 * to the caller's working directory. Which combinations a mode allows is checked where the command line is
 * (ddrescue's messages); the engine only uses what its mode reads.
 *
 * @param mode rescue (default), {@code --command-mode}, {@code -F} fill or {@code -G} generate
 * @param sectorSize -b: bytes per sector, 1 to 2^28 (ddrescue: hardbs)
 * @param clusterSectors -c: sectors per copying read; 0 in the builder = 64 KiB worth (ddrescue: cluster)
 * @param inputPosition -i: start of the rescue domain
 * @param outputPosition -o: where {@code inputPosition} goes in the output; -1 = same as -i
 * @param maxSize -s: size of the rescue domain; -1 = to the end of the input
 * @param domainMapfile -m: only the finished blocks of this mapfile are rescued ("-" = standard input)
 * @param testModeMapfile -H: reads outside the finished blocks of this mapfile fail (test mode)
 * @param looseDomain -L: read the -m and -H mapfiles loosely
 * @param completeOnly -C: do not extend the map to the input size
 * @param verifyInputSize -I: the input size must equal the extent of the mapfile
 * @param tryAgain -A: non-trimmed and non-scraped blocks become non-tried first
 * @param retrim -M: non-scraped and bad-sector blocks become non-trimmed first
 * @param noTrim -N: skip the trimming phase
 * @param noScrape -n: skip the scraping phase
 * @param reverse -R: reverse the direction of every pass
 * @param unidirectional -u: do not alternate directions between passes
 * @param copyPasses --cpass: copying passes to run
 * @param maxRetries -r: retry passes; -1 = until no bad sector is left
 * @param skipSize -K INITIAL: first skip after a read error; -1 = automatic; 0 = no skipping
 * @param maxSkipSize -K ,MAX: largest skip; {@link #MAX_MAX_SKIP_SIZE} = automatic
 * @param maxBadAreas -e: stop when there are more bad areas; {@link Long#MAX_VALUE} = no limit
 * @param newBadAreasOnly -e +N: count only bad areas found in this run
 * @param maxReadErrors -X (--exit-on-error = -X0): stop after more failed reads; {@link Long#MAX_VALUE} = no limit
 * @param maxErrorRate -E: bytes per second of failed reads to stop at; -1 = no limit
 * @param minReadRate -a: slower reads are "slow"; 0 = a tenth of the average rate; -1 = off
 * @param maxReadRate -Z: bytes per second to stay under; 0 = no limit
 * @param timeoutSeconds -T: stop after this long without a good read; -1 = never
 * @param delaySlowSeconds --delay-slow: no read counts as slow this early in the run
 * @param maxSlowReads --max-slow-reads: stop after more slow reads; {@link Long#MAX_VALUE} = no limit
 * @param resetSlow --reset-slow: a second that is not slow resets the slow-read count
 * @param pauseOnErrorNanos --pause-on-error: pause after each failed read; 0 = none
 * @param simulatedPauseOnError --pause-on-error=sT: count the pause in the run time without waiting
 * @param pauseOnPassSeconds --pause-on-pass: pause between passes; 0 = none
 * @param reopenOnError -O: reopen the input after each read error in the copying phase
 * @param verifyOnError -J: after a read error, re-read the last good sector and compare
 * @param directInput -d: read the input with O_DIRECT (sector-aligned reads)
 * @param directOutput -D: write the output with O_DIRECT
 * @param sparse -S: do not write blocks of zeros
 * @param preallocate -p: make room for the whole domain in the output first
 * @param minOutfileSize -x: extend the output to at least this size at the end; -1 = no
 * @param truncateOutput -t: truncate the output first (only with a blank map)
 * @param compareBeforeWrite -W: do not write data that the output already holds
 * @param synchronousWrites -y: sync the output after each write
 * @param force -f: the output may be a device
 * @param sameFile --same-file: input and output may be the same file
 * @param ask --ask: ask for confirmation before starting
 * @param fillTypes -F TYPES: the block statuses fill mode overwrites; empty outside fill mode
 * @param fillWritesLocation -F with {@code l}: write location text into the fill data
 * @param ignoreWriteErrors -w: fill mode skips sectors it cannot write
 * @param verbosity -q = -1, else the number of -v (at most {@link #MAX_VERBOSITY}); only what is shown
 * @param binaryPrefixes -B: show sizes with binary prefixes; only what is shown
 * @param previewLines -P: lines of data preview, 0 = none; only what is shown
 * @param eventLog --log-events: file name
 * @param rateLog --log-rates: file name
 * @param readLog --log-reads: file name
 * @param mapfileSaveIntervalSeconds --mapfile-interval SAVE; -1 = automatic (30 s to 5 min)
 * @param mapfileSyncIntervalSeconds --mapfile-interval ,SYNC; at least 5 and not less than the save interval
 */
public record RescueOptions(
        OperationMode mode,
        int sectorSize,
        int clusterSectors,
        long inputPosition,
        long outputPosition,
        long maxSize,
        Optional<String> domainMapfile,
        Optional<String> testModeMapfile,
        boolean looseDomain,
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
        boolean directInput,
        boolean directOutput,
        boolean sparse,
        boolean preallocate,
        long minOutfileSize,
        boolean truncateOutput,
        boolean compareBeforeWrite,
        boolean synchronousWrites,
        boolean force,
        boolean sameFile,
        boolean ask,
        Set<BlockStatus> fillTypes,
        boolean fillWritesLocation,
        boolean ignoreWriteErrors,
        int verbosity,
        boolean binaryPrefixes,
        int previewLines,
        Optional<String> eventLog,
        Optional<String> rateLog,
        Optional<String> readLog,
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
    public static final int DEFAULT_DELAY_SLOW_SECONDS = 30;
    public static final int DEFAULT_PREVIEW_LINES = 3;
    public static final int MAX_PREVIEW_LINES = 32;
    public static final int MAX_VERBOSITY = 4;
    /** Largest -r (ddrescue: INT_MAX / 2). */
    public static final int MAX_RETRY_PASSES = Integer.MAX_VALUE / 2;

    public RescueOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(copyPasses, "copyPasses");
        Objects.requireNonNull(domainMapfile, "domainMapfile");
        Objects.requireNonNull(testModeMapfile, "testModeMapfile");
        Objects.requireNonNull(eventLog, "eventLog");
        Objects.requireNonNull(rateLog, "rateLog");
        Objects.requireNonNull(readLog, "readLog");
        fillTypes = fillTypes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(fillTypes));
        check(sectorSize >= 1 && sectorSize <= MAX_SECTOR_SIZE, "sector size must be 1 to 2^28");
        check(clusterSectors >= 1, "cluster size must be at least 1 sector");
        if (clusterSectors >= Integer.MAX_VALUE / sectorSize) {
            clusterSectors = Math.max(1, Integer.MAX_VALUE / sectorSize - 1); // ddrescue keeps a read within an int
        }
        check(inputPosition >= 0, "input position must not be negative");
        check(outputPosition >= -1, "output position must not be negative");
        check(maxSize >= -1, "size must be -1 or positive");
        check(maxRetries >= -1 && maxRetries <= MAX_RETRY_PASSES, "retry passes must be -1 to 2^30-1");
        check(skipSize == -1 || skipSize == 0 || skipSize >= MIN_SKIP_SIZE,
                "Initial skip size must be 0 or >= 64KiB");
        check(maxSkipSize >= MIN_SKIP_SIZE && maxSkipSize <= MAX_MAX_SKIP_SIZE, "max skip size must be 64KiB to 2^60");
        check(skipSize <= maxSkipSize, "Initial skip size must be <= max skip size");
        check(maxBadAreas >= 0 && maxReadErrors >= 0 && maxSlowReads >= 0, "limits must not be negative");
        check(maxErrorRate >= -1 && minReadRate >= -1 && maxReadRate >= 0, "bad rate limit");
        check(timeoutSeconds >= -1 && delaySlowSeconds >= 0, "bad time interval");
        check(pauseOnErrorNanos >= 0 && pauseOnPassSeconds >= 0, "pauses must not be negative");
        check(minOutfileSize == -1 || minOutfileSize >= 1, "extend-outfile size must be positive");
        check(mode != OperationMode.FILL || !fillTypes.isEmpty(), "fill mode needs the block statuses to fill");
        check(verbosity >= -1 && verbosity <= MAX_VERBOSITY, "verbosity must be -1 to 4");
        check(previewLines >= 0 && previewLines <= MAX_PREVIEW_LINES, "preview lines must be 0 to 32");
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

    /** Builds {@link RescueOptions}; unset values are ddrescue's defaults. Setters are named as the fields. */
    public static final class Builder {
        private OperationMode mode = OperationMode.RESCUE;
        private int sectorSize = DEFAULT_SECTOR_SIZE;
        private int clusterSectors = 0;
        private long inputPosition = 0;
        private long outputPosition = -1;
        private long maxSize = -1;
        private Optional<String> domainMapfile = Optional.empty();
        private Optional<String> testModeMapfile = Optional.empty();
        private boolean looseDomain = false;
        private boolean completeOnly = false;
        private boolean verifyInputSize = false;
        private boolean tryAgain = false;
        private boolean retrim = false;
        private boolean noTrim = false;
        private boolean noScrape = false;
        private boolean reverse = false;
        private boolean unidirectional = false;
        private CopyPasses copyPasses = CopyPasses.ALL;
        private int maxRetries = 0;
        private long skipSize = -1;
        private long maxSkipSize = MAX_MAX_SKIP_SIZE;
        private long maxBadAreas = Long.MAX_VALUE;
        private boolean newBadAreasOnly = false;
        private long maxReadErrors = Long.MAX_VALUE;
        private long maxErrorRate = -1;
        private long minReadRate = -1;
        private long maxReadRate = 0;
        private long timeoutSeconds = -1;
        private long delaySlowSeconds = DEFAULT_DELAY_SLOW_SECONDS;
        private long maxSlowReads = Long.MAX_VALUE;
        private boolean resetSlow = false;
        private long pauseOnErrorNanos = 0;
        private boolean simulatedPauseOnError = false;
        private long pauseOnPassSeconds = 0;
        private boolean reopenOnError = false;
        private boolean verifyOnError = false;
        private boolean directInput = false;
        private boolean directOutput = false;
        private boolean sparse = false;
        private boolean preallocate = false;
        private long minOutfileSize = -1;
        private boolean truncateOutput = false;
        private boolean compareBeforeWrite = false;
        private boolean synchronousWrites = false;
        private boolean force = false;
        private boolean sameFile = false;
        private boolean ask = false;
        private Set<BlockStatus> fillTypes = Set.of();
        private boolean fillWritesLocation = false;
        private boolean ignoreWriteErrors = false;
        private int verbosity = 0;
        private boolean binaryPrefixes = false;
        private int previewLines = 0;
        private Optional<String> eventLog = Optional.empty();
        private Optional<String> rateLog = Optional.empty();
        private Optional<String> readLog = Optional.empty();
        private int mapfileSaveIntervalSeconds = -1;
        private int mapfileSyncIntervalSeconds = 300;

        private Builder() {
        }

        private Builder(RescueOptions o) {
            mode = o.mode;
            sectorSize = o.sectorSize;
            clusterSectors = o.clusterSectors;
            inputPosition = o.inputPosition;
            outputPosition = o.outputPosition;
            maxSize = o.maxSize;
            domainMapfile = o.domainMapfile;
            testModeMapfile = o.testModeMapfile;
            looseDomain = o.looseDomain;
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
            directInput = o.directInput;
            directOutput = o.directOutput;
            sparse = o.sparse;
            preallocate = o.preallocate;
            minOutfileSize = o.minOutfileSize;
            truncateOutput = o.truncateOutput;
            compareBeforeWrite = o.compareBeforeWrite;
            synchronousWrites = o.synchronousWrites;
            force = o.force;
            sameFile = o.sameFile;
            ask = o.ask;
            fillTypes = o.fillTypes;
            fillWritesLocation = o.fillWritesLocation;
            ignoreWriteErrors = o.ignoreWriteErrors;
            verbosity = o.verbosity;
            binaryPrefixes = o.binaryPrefixes;
            previewLines = o.previewLines;
            eventLog = o.eventLog;
            rateLog = o.rateLog;
            readLog = o.readLog;
            mapfileSaveIntervalSeconds = o.mapfileSaveIntervalSeconds;
            mapfileSyncIntervalSeconds = o.mapfileSyncIntervalSeconds;
        }

        /** rescue (default), {@code --command-mode}, {@code -F} fill or {@code -G} generate */
        public Builder mode(OperationMode value) {
            this.mode = value;
            return this;
        }

        /** -b: bytes per sector, 1 to 2^28 (ddrescue: hardbs) */
        public Builder sectorSize(int value) {
            this.sectorSize = value;
            return this;
        }

        /** -c: sectors per copying read; 0 in the builder = 64 KiB worth (ddrescue: cluster) */
        public Builder clusterSectors(int value) {
            this.clusterSectors = value;
            return this;
        }

        /** -i: start of the rescue domain */
        public Builder inputPosition(long value) {
            this.inputPosition = value;
            return this;
        }

        /** -o: where {@code inputPosition} goes in the output; -1 = same as -i */
        public Builder outputPosition(long value) {
            this.outputPosition = value;
            return this;
        }

        /** -s: size of the rescue domain; -1 = to the end of the input */
        public Builder maxSize(long value) {
            this.maxSize = value;
            return this;
        }

        /** -m: only the finished blocks of this mapfile are rescued ("-" = standard input) */
        public Builder domainMapfile(Optional<String> value) {
            this.domainMapfile = value;
            return this;
        }

        /** -H: reads outside the finished blocks of this mapfile fail (test mode) */
        public Builder testModeMapfile(Optional<String> value) {
            this.testModeMapfile = value;
            return this;
        }

        /** -L: read the -m and -H mapfiles loosely */
        public Builder looseDomain(boolean value) {
            this.looseDomain = value;
            return this;
        }

        /** -C: do not extend the map to the input size */
        public Builder completeOnly(boolean value) {
            this.completeOnly = value;
            return this;
        }

        /** -I: the input size must equal the extent of the mapfile */
        public Builder verifyInputSize(boolean value) {
            this.verifyInputSize = value;
            return this;
        }

        /** -A: non-trimmed and non-scraped blocks become non-tried first */
        public Builder tryAgain(boolean value) {
            this.tryAgain = value;
            return this;
        }

        /** -M: non-scraped and bad-sector blocks become non-trimmed first */
        public Builder retrim(boolean value) {
            this.retrim = value;
            return this;
        }

        /** -N: skip the trimming phase */
        public Builder noTrim(boolean value) {
            this.noTrim = value;
            return this;
        }

        /** -n: skip the scraping phase */
        public Builder noScrape(boolean value) {
            this.noScrape = value;
            return this;
        }

        /** -R: reverse the direction of every pass */
        public Builder reverse(boolean value) {
            this.reverse = value;
            return this;
        }

        /** -u: do not alternate directions between passes */
        public Builder unidirectional(boolean value) {
            this.unidirectional = value;
            return this;
        }

        /** --cpass: copying passes to run */
        public Builder copyPasses(CopyPasses value) {
            this.copyPasses = value;
            return this;
        }

        /** -r: retry passes; -1 = until no bad sector is left */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** -K INITIAL: first skip after a read error; -1 = automatic; 0 = no skipping */
        public Builder skipSize(long value) {
            this.skipSize = value;
            return this;
        }

        /** -K ,MAX: largest skip; {@link #MAX_MAX_SKIP_SIZE} = automatic */
        public Builder maxSkipSize(long value) {
            this.maxSkipSize = value;
            return this;
        }

        /** -e: stop when there are more bad areas; {@link Long#MAX_VALUE} = no limit */
        public Builder maxBadAreas(long value) {
            this.maxBadAreas = value;
            return this;
        }

        /** -e +N: count only bad areas found in this run */
        public Builder newBadAreasOnly(boolean value) {
            this.newBadAreasOnly = value;
            return this;
        }

        /** -X (--exit-on-error = -X0): stop after more failed reads; {@link Long#MAX_VALUE} = no limit */
        public Builder maxReadErrors(long value) {
            this.maxReadErrors = value;
            return this;
        }

        /** -E: bytes per second of failed reads to stop at; -1 = no limit */
        public Builder maxErrorRate(long value) {
            this.maxErrorRate = value;
            return this;
        }

        /** -a: slower reads are "slow"; 0 = a tenth of the average rate; -1 = off */
        public Builder minReadRate(long value) {
            this.minReadRate = value;
            return this;
        }

        /** -Z: bytes per second to stay under; 0 = no limit */
        public Builder maxReadRate(long value) {
            this.maxReadRate = value;
            return this;
        }

        /** -T: stop after this long without a good read; -1 = never */
        public Builder timeoutSeconds(long value) {
            this.timeoutSeconds = value;
            return this;
        }

        /** --delay-slow: no read counts as slow this early in the run */
        public Builder delaySlowSeconds(long value) {
            this.delaySlowSeconds = value;
            return this;
        }

        /** --max-slow-reads: stop after more slow reads; {@link Long#MAX_VALUE} = no limit */
        public Builder maxSlowReads(long value) {
            this.maxSlowReads = value;
            return this;
        }

        /** --reset-slow: a second that is not slow resets the slow-read count */
        public Builder resetSlow(boolean value) {
            this.resetSlow = value;
            return this;
        }

        /** --pause-on-error: pause after each failed read; 0 = none */
        public Builder pauseOnErrorNanos(long value) {
            this.pauseOnErrorNanos = value;
            return this;
        }

        /** --pause-on-error=sT: count the pause in the run time without waiting */
        public Builder simulatedPauseOnError(boolean value) {
            this.simulatedPauseOnError = value;
            return this;
        }

        /** --pause-on-pass: pause between passes; 0 = none */
        public Builder pauseOnPassSeconds(long value) {
            this.pauseOnPassSeconds = value;
            return this;
        }

        /** -O: reopen the input after each read error in the copying phase */
        public Builder reopenOnError(boolean value) {
            this.reopenOnError = value;
            return this;
        }

        /** -J: after a read error, re-read the last good sector and compare */
        public Builder verifyOnError(boolean value) {
            this.verifyOnError = value;
            return this;
        }

        /** -d: read the input with O_DIRECT (sector-aligned reads) */
        public Builder directInput(boolean value) {
            this.directInput = value;
            return this;
        }

        /** -D: write the output with O_DIRECT */
        public Builder directOutput(boolean value) {
            this.directOutput = value;
            return this;
        }

        /** -S: do not write blocks of zeros */
        public Builder sparse(boolean value) {
            this.sparse = value;
            return this;
        }

        /** -p: make room for the whole domain in the output first */
        public Builder preallocate(boolean value) {
            this.preallocate = value;
            return this;
        }

        /** -x: extend the output to at least this size at the end; -1 = no */
        public Builder minOutfileSize(long value) {
            this.minOutfileSize = value;
            return this;
        }

        /** -t: truncate the output first (only with a blank map) */
        public Builder truncateOutput(boolean value) {
            this.truncateOutput = value;
            return this;
        }

        /** -W: do not write data that the output already holds */
        public Builder compareBeforeWrite(boolean value) {
            this.compareBeforeWrite = value;
            return this;
        }

        /** -y: sync the output after each write */
        public Builder synchronousWrites(boolean value) {
            this.synchronousWrites = value;
            return this;
        }

        /** -f: the output may be a device */
        public Builder force(boolean value) {
            this.force = value;
            return this;
        }

        /** --same-file: input and output may be the same file */
        public Builder sameFile(boolean value) {
            this.sameFile = value;
            return this;
        }

        /** --ask: ask for confirmation before starting */
        public Builder ask(boolean value) {
            this.ask = value;
            return this;
        }

        /** -F TYPES: the block statuses fill mode overwrites; empty outside fill mode */
        public Builder fillTypes(Set<BlockStatus> value) {
            this.fillTypes = value;
            return this;
        }

        /** -F with {@code l}: write location text into the fill data */
        public Builder fillWritesLocation(boolean value) {
            this.fillWritesLocation = value;
            return this;
        }

        /** -w: fill mode skips sectors it cannot write */
        public Builder ignoreWriteErrors(boolean value) {
            this.ignoreWriteErrors = value;
            return this;
        }

        /** -q = -1, else the number of -v (at most {@link #MAX_VERBOSITY}); only what is shown */
        public Builder verbosity(int value) {
            this.verbosity = value;
            return this;
        }

        /** -B: show sizes with binary prefixes; only what is shown */
        public Builder binaryPrefixes(boolean value) {
            this.binaryPrefixes = value;
            return this;
        }

        /** -P: lines of data preview, 0 = none; only what is shown */
        public Builder previewLines(int value) {
            this.previewLines = value;
            return this;
        }

        /** --log-events: file name */
        public Builder eventLog(Optional<String> value) {
            this.eventLog = value;
            return this;
        }

        /** --log-rates: file name */
        public Builder rateLog(Optional<String> value) {
            this.rateLog = value;
            return this;
        }

        /** --log-reads: file name */
        public Builder readLog(Optional<String> value) {
            this.readLog = value;
            return this;
        }

        /** --mapfile-interval SAVE; -1 = automatic (30 s to 5 min) */
        public Builder mapfileSaveIntervalSeconds(int value) {
            this.mapfileSaveIntervalSeconds = value;
            return this;
        }

        /** --mapfile-interval ,SYNC; at least 5 and not less than the save interval */
        public Builder mapfileSyncIntervalSeconds(int value) {
            this.mapfileSyncIntervalSeconds = value;
            return this;
        }

        /** -e N, or -e +N with {@code newOnly}. */
        public Builder maxBadAreas(long areas, boolean newOnly) {
            this.maxBadAreas = areas;
            this.newBadAreasOnly = newOnly;
            return this;
        }

        /** --pause-on-error=T (real) or =sT ({@code simulated}). */
        public Builder pauseOnError(long nanos, boolean simulated) {
            this.pauseOnErrorNanos = nanos;
            this.simulatedPauseOnError = simulated;
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
            int cluster = clusterSectors > 0 ? clusterSectors
                    : Math.max(1, DEFAULT_CLUSTER_BYTES / Math.max(1, sectorSize));
            return new RescueOptions(mode, sectorSize, cluster, inputPosition, outputPosition, maxSize, domainMapfile,
                    testModeMapfile, looseDomain, completeOnly, verifyInputSize, tryAgain, retrim, noTrim,
                    noScrape, reverse, unidirectional, copyPasses, maxRetries, skipSize, maxSkipSize, maxBadAreas,
                    newBadAreasOnly, maxReadErrors, maxErrorRate, minReadRate, maxReadRate, timeoutSeconds,
                    delaySlowSeconds, maxSlowReads, resetSlow, pauseOnErrorNanos, simulatedPauseOnError,
                    pauseOnPassSeconds, reopenOnError, verifyOnError, directInput, directOutput, sparse,
                    preallocate, minOutfileSize, truncateOutput, compareBeforeWrite, synchronousWrites, force,
                    sameFile, ask, fillTypes, fillWritesLocation, ignoreWriteErrors, verbosity, binaryPrefixes,
                    previewLines, eventLog, rateLog, readLog, mapfileSaveIntervalSeconds,
                    mapfileSyncIntervalSeconds);
        }
    }
}
