package io.qrescue.recovery.cli.image;

import io.qrescue.mapfile.BlockStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A ddrescue 1.27 command line that passed every check ddrescue makes before touching the files, with
 * ddrescue's defaults filled in (ddrescue: the locals of main, Rb_options, Mb_options, Fb_options). Sizes are
 * bytes unless the name says sectors; an empty Optional means the option was not given and ddrescue's
 * automatic or unlimited behaviour applies. Built by {@link DdrescueArgumentParser}; immutable.
 *
 * @param mode                  rescue (default), command, fill or generate
 * @param inputFile             infile operand, as typed
 * @param outputFile            outfile operand, as typed
 * @param mapfile               mapfile operand, as typed; required in fill and generate mode
 * @param sectorSize            {@code -b}: 1..2^28, default 512 (ddrescue: hardbs)
 * @param clusterSectors        {@code -c}: sectors per copying read, default 65536 / sectorSize, clamped so one
 *                              cluster stays below 2 GiB (ddrescue: cluster)
 * @param inputPosition         {@code -i}: start of the domain in infile
 * @param outputPosition        {@code -o}: where inputPosition goes in outfile; defaults to inputPosition
 * @param maxSize               {@code -s}: size of the domain, {@link #NO_SIZE_LIMIT} for up to the end
 * @param domainMapfile         {@code -m}: domain = finished blocks of this mapfile ("-" = standard input)
 * @param testModeMapfile       {@code -H}: simulate read errors outside the finished blocks of this mapfile
 * @param looseDomain           {@code -L}: read the {@code -m} and {@code -H} mapfiles in loose mode
 * @param copyPasses            {@code --cpass}: which of the copying passes 1..5 run, ascending; empty for none
 * @param skipSizes             {@code -K}
 * @param tryAgain              {@code -A}: non-trimmed and non-scraped blocks become non-tried
 * @param retrim                {@code -M}: failed blocks become non-trimmed
 * @param noTrim                {@code -N}
 * @param noScrape              {@code -n}
 * @param reverse               {@code -R}
 * @param unidirectional        {@code -u}
 * @param completeOnly          {@code -C}
 * @param retryPasses           {@code -r}: -1 = until no bad sector is left, default 0
 * @param minReadRate           {@code -a}: bytes/s below which a read is slow; 0 = automatic
 * @param maxReadRate           {@code -Z}: bytes/s
 * @param maxErrorRate          {@code -E}: bytes/s of read errors that stops the run
 * @param maxBadAreas           {@code -e}: bad areas that stop the run
 * @param newBadAreasOnly       {@code -e +N}: count only bad areas found in this run
 * @param maxReadErrors         {@code -X}, or 0 from {@code --exit-on-error}
 * @param maxSlowReads          {@code --max-slow-reads}
 * @param timeoutSeconds        {@code -T}: longest time since the last successful read
 * @param delaySlowSeconds      {@code --delay-slow}: default 30
 * @param resetSlow             {@code --reset-slow}
 * @param pauseOnError          {@code --pause-on-error}: whole seconds, or a fraction with a denominator of
 *                              at most 100 when simulated
 * @param simulatedPauseOnError {@code --pause-on-error=s<T>}: only account the pause, do not sleep
 * @param pauseOnPassSeconds    {@code --pause-on-pass}
 * @param directInput           {@code -d}: O_DIRECT on infile
 * @param directOutput          {@code -D}: O_DIRECT on outfile
 * @param synchronousWrites     {@code -y}
 * @param sparse                {@code -S}
 * @param preallocate           {@code -p}
 * @param truncate              {@code -t}
 * @param extendOutfileTo       {@code -x}: smallest size of outfile at the end of the run
 * @param compareBeforeWrite    {@code -W}
 * @param force                 {@code -f}: outfile may be a device
 * @param reopenOnError         {@code -O}
 * @param verifyOnError         {@code -J}
 * @param verifyInputSize       {@code -I}
 * @param sameFile              {@code --same-file}
 * @param ask                   {@code --ask}
 * @param fillTypes             {@code -F}: the block statuses to fill; empty unless in fill mode
 * @param fillWritesLocation    {@code -F} with {@code l}: write location text into the fill data
 * @param ignoreWriteErrors     {@code -w} (fill mode only)
 * @param verbosity             -1 for {@code -q}, else the number of {@code -v} (at most 4)
 * @param binaryPrefixes        {@code -B}
 * @param previewLines          {@code -P}: 0 = no preview, else 1..32 (3 for a bare {@code -P})
 * @param eventLog              {@code --log-events}
 * @param rateLog               {@code --log-rates}
 * @param readLog               {@code --log-reads}
 * @param mapfileIntervals      {@code --mapfile-interval}
 */
public record DdrescueArguments(
        OperationMode mode,
        String inputFile,
        String outputFile,
        Optional<String> mapfile,
        int sectorSize,
        int clusterSectors,
        long inputPosition,
        long outputPosition,
        long maxSize,
        Optional<String> domainMapfile,
        Optional<String> testModeMapfile,
        boolean looseDomain,
        SortedSet<Integer> copyPasses,
        SkipSizes skipSizes,
        boolean tryAgain,
        boolean retrim,
        boolean noTrim,
        boolean noScrape,
        boolean reverse,
        boolean unidirectional,
        boolean completeOnly,
        int retryPasses,
        OptionalLong minReadRate,
        OptionalLong maxReadRate,
        OptionalLong maxErrorRate,
        OptionalLong maxBadAreas,
        boolean newBadAreasOnly,
        OptionalLong maxReadErrors,
        OptionalLong maxSlowReads,
        OptionalInt timeoutSeconds,
        int delaySlowSeconds,
        boolean resetSlow,
        RationalSeconds pauseOnError,
        boolean simulatedPauseOnError,
        int pauseOnPassSeconds,
        boolean directInput,
        boolean directOutput,
        boolean synchronousWrites,
        boolean sparse,
        boolean preallocate,
        boolean truncate,
        OptionalLong extendOutfileTo,
        boolean compareBeforeWrite,
        boolean force,
        boolean reopenOnError,
        boolean verifyOnError,
        boolean verifyInputSize,
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
        MapfileIntervals mapfileIntervals) {

    /** {@link #maxSize} when {@code -s} was not given (or given as -1). */
    public static final long NO_SIZE_LIMIT = -1;
    public static final int DEFAULT_SECTOR_SIZE = 512;
    public static final int MAX_SECTOR_SIZE = 1 << 28;
    /** Bytes per copying read when {@code -c} is not given. */
    public static final int DEFAULT_CLUSTER_BYTES = 65536;
    public static final int DEFAULT_DELAY_SLOW_SECONDS = 30;
    public static final int DEFAULT_PREVIEW_LINES = 3;
    public static final int MAX_VERBOSITY = 4;

    public DdrescueArguments {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(inputFile, "inputFile");
        Objects.requireNonNull(outputFile, "outputFile");
        Objects.requireNonNull(mapfile, "mapfile");
        Objects.requireNonNull(domainMapfile, "domainMapfile");
        Objects.requireNonNull(testModeMapfile, "testModeMapfile");
        copyPasses = Collections.unmodifiableSortedSet(new TreeSet<>(copyPasses));
        Objects.requireNonNull(skipSizes, "skipSizes");
        Objects.requireNonNull(pauseOnError, "pauseOnError");
        fillTypes = Collections.unmodifiableSet(fillTypes.isEmpty() ? EnumSet.noneOf(BlockStatus.class)
                : EnumSet.copyOf(fillTypes));
        Objects.requireNonNull(eventLog, "eventLog");
        Objects.requireNonNull(rateLog, "rateLog");
        Objects.requireNonNull(readLog, "readLog");
        Objects.requireNonNull(mapfileIntervals, "mapfileIntervals");
        if (sectorSize < 1 || sectorSize > MAX_SECTOR_SIZE || clusterSectors < 1
                || (long) clusterSectors * sectorSize >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sector size " + sectorSize + ", cluster " + clusterSectors);
        }
        if (copyPasses.stream().anyMatch(p -> p < CopyPassList.FIRST_PASS || p > CopyPassList.LAST_PASS)) {
            throw new IllegalArgumentException("copy passes " + copyPasses);
        }
    }

    /** Add this to an infile position to get the outfile position (ddrescue: offset = opos - ipos). */
    public long outputOffset() {
        return outputPosition - inputPosition;
    }

    /** Cluster size in bytes: the size of the reads of the copying passes. */
    public int clusterBytes() {
        return clusterSectors * sectorSize;
    }
}
