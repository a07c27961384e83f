package io.qrescue.recovery.cli.image;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.recovery.cli.gnu.GnuArgParser;
import io.qrescue.recovery.cli.gnu.GnuArgParser.HasArg;
import io.qrescue.recovery.cli.gnu.GnuArgParser.Item;
import io.qrescue.recovery.cli.gnu.GnuArgParser.Option;
import io.qrescue.recovery.cli.gnu.NumberArg;
import io.qrescue.recovery.cli.gnu.UsageException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;

/**
 * Reads ddrescue 1.27's command line the way ddrescue's main does: options in command-line order (so an
 * {@code s} suffix counts sectors of the {@code -b} given <em>before</em> it), the first bad value stops with
 * ddrescue's message, {@code -h} and {@code -V} end parsing at once, then the operands are counted. The checks
 * ddrescue makes later (file names, mode combinations) are in {@link OperandFileChecks} and {@link ModeRules}.
 * One parser per command line.
 */
public final class DdrescueArgumentParser {

    /** What the command line asks for. */
    public sealed interface Invocation permits ShowHelp, ShowVersion, Run {
    }

    /** {@code -h}: print the help and exit 0. */
    public record ShowHelp() implements Invocation {
    }

    /** {@code -V}: print the version and exit 0. */
    public record ShowVersion() implements Invocation {
    }

    /** Run with these arguments (after the file and mode checks). */
    public record Run(DdrescueArguments arguments) implements Invocation {
    }

    // codes of the long-only options, above the range of short option letters
    private static final int OPT_ASK = 256;
    private static final int OPT_COMMAND_MODE = 257;
    private static final int OPT_CPASS = 258;
    private static final int OPT_DELAY_SLOW = 259;
    private static final int OPT_EXIT_ON_ERROR = 260;
    private static final int OPT_LOG_EVENTS = 261;
    private static final int OPT_MAPFILE_INTERVAL = 262;
    private static final int OPT_MAX_SLOW_READS = 263;
    private static final int OPT_PAUSE_ON_ERROR = 264;
    private static final int OPT_PAUSE_ON_PASS = 265;
    private static final int OPT_LOG_RATES = 266;
    private static final int OPT_LOG_READS = 267;
    private static final int OPT_RESET_SLOW = 268;
    private static final int OPT_SAME_FILE = 269;

    /**
     * ddrescue's option table. Every entry matters even when undocumented ({@code --exit-on-error},
     * {@code --max-errors}): it decides which abbreviations are ambiguous.
     */
    static final List<Option> OPTIONS = List.of(
            new Option('a', "min-read-rate", HasArg.YES),
            new Option('A', "try-again", HasArg.NO),
            new Option('b', "sector-size", HasArg.YES),
            new Option('B', "binary-prefixes", HasArg.NO),
            new Option('c', "cluster-size", HasArg.YES),
            new Option('C', "complete-only", HasArg.NO),
            new Option('d', "idirect", HasArg.NO),
            new Option('D', "odirect", HasArg.NO),
            new Option('e', "max-bad-areas", HasArg.YES),
            new Option('e', "max-errors", HasArg.YES),
            new Option('E', "max-error-rate", HasArg.YES),
            new Option('f', "force", HasArg.NO),
            new Option('F', "fill-mode", HasArg.YES),
            new Option('G', "generate-mode", HasArg.NO),
            new Option('h', "help", HasArg.NO),
            new Option('H', "test-mode", HasArg.YES),
            new Option('i', "input-position", HasArg.YES),
            new Option('I', "verify-input-size", HasArg.NO),
            new Option('J', "verify-on-error", HasArg.NO),
            new Option('K', "skip-size", HasArg.YES),
            new Option('L', "loose-domain", HasArg.NO),
            new Option('m', "domain-mapfile", HasArg.YES),
            new Option('M', "retrim", HasArg.NO),
            new Option('n', "no-scrape", HasArg.NO),
            new Option('N', "no-trim", HasArg.NO),
            new Option('o', "output-position", HasArg.YES),
            new Option('O', "reopen-on-error", HasArg.NO),
            new Option('p', "preallocate", HasArg.NO),
            new Option('P', "data-preview", HasArg.MAYBE),
            new Option('q', "quiet", HasArg.NO),
            new Option('r', "retry-passes", HasArg.YES),
            new Option('R', "reverse", HasArg.NO),
            new Option('s', "size", HasArg.YES),
            new Option('S', "sparse", HasArg.NO),
            new Option('t', "truncate", HasArg.NO),
            new Option('T', "timeout", HasArg.YES),
            new Option('u', "unidirectional", HasArg.NO),
            new Option('v', "verbose", HasArg.NO),
            new Option('V', "version", HasArg.NO),
            new Option('w', "ignore-write-errors", HasArg.NO),
            new Option('W', "compare-before-write", HasArg.NO),
            new Option('x', "extend-outfile", HasArg.YES),
            new Option('X', "max-read-errors", HasArg.YES),
            new Option('y', "synchronous", HasArg.NO),
            new Option('Z', "max-read-rate", HasArg.YES),
            new Option(OPT_ASK, "ask", HasArg.NO),
            new Option(OPT_COMMAND_MODE, "command-mode", HasArg.NO),
            new Option(OPT_CPASS, "cpass", HasArg.YES),
            new Option(OPT_DELAY_SLOW, "delay-slow", HasArg.YES),
            new Option(OPT_EXIT_ON_ERROR, "exit-on-error", HasArg.NO),
            new Option(OPT_LOG_EVENTS, "log-events", HasArg.YES),
            new Option(OPT_MAPFILE_INTERVAL, "mapfile-interval", HasArg.YES),
            new Option(OPT_MAX_SLOW_READS, "max-slow-reads", HasArg.YES),
            new Option(OPT_PAUSE_ON_ERROR, "pause-on-error", HasArg.YES),
            new Option(OPT_PAUSE_ON_PASS, "pause-on-pass", HasArg.YES),
            new Option(OPT_LOG_RATES, "log-rates", HasArg.YES),
            new Option(OPT_LOG_READS, "log-reads", HasArg.YES),
            new Option(OPT_RESET_SLOW, "reset-slow", HasArg.NO),
            new Option(OPT_SAME_FILE, "same-file", HasArg.NO));

    private static final int MAX_RETRY_PASSES = Integer.MAX_VALUE / 2;
    private static final int MAX_PREVIEW_LINES = 32;

    private final FileKinds fileKinds;

    private OperationMode mode;
    private int verbosity;
    // the values being collected, initialised to ddrescue's defaults by reset()
    private int sectorSize;
    private int clusterSectors; // 0 until -c: the default depends on the final sector size
    private long inputPosition;
    private long outputPosition; // -1 until -o: defaults to the input position
    private long maxSize;
    private String domainMapfile;
    private String testModeMapfile;
    private boolean looseDomain;
    private SortedSet<Integer> copyPasses;
    private SkipSizes skipSizes;
    private boolean tryAgain;
    private boolean retrim;
    private boolean noTrim;
    private boolean noScrape;
    private boolean reverse;
    private boolean unidirectional;
    private boolean completeOnly;
    private int retryPasses;
    private OptionalLong minReadRate;
    private OptionalLong maxReadRate;
    private OptionalLong maxErrorRate;
    private OptionalLong maxBadAreas;
    private boolean newBadAreasOnly;
    private OptionalLong maxReadErrors;
    private OptionalLong maxSlowReads;
    private OptionalInt timeoutSeconds;
    private int delaySlowSeconds;
    private boolean resetSlow;
    private RationalSeconds pauseOnError;
    private boolean simulatedPauseOnError;
    private int pauseOnPassSeconds;
    private boolean directInput;
    private boolean directOutput;
    private boolean synchronousWrites;
    private boolean sparse;
    private boolean preallocate;
    private boolean truncate;
    private OptionalLong extendOutfileTo;
    private boolean compareBeforeWrite;
    private boolean force;
    private boolean reopenOnError;
    private boolean verifyOnError;
    private boolean verifyInputSize;
    private boolean sameFile;
    private boolean ask;
    private Set<BlockStatus> fillTypes;
    private boolean fillWritesLocation;
    private boolean ignoreWriteErrors;
    private boolean binaryPrefixes;
    private int previewLines;
    private String eventLog;
    private String rateLog;
    private String readLog;
    private MapfileIntervals mapfileIntervals;

    /** @param fileKinds consulted for the log file names, which ddrescue checks while reading the options */
    public DdrescueArgumentParser(FileKinds fileKinds) {
        this.fileKinds = fileKinds;
        reset();
    }

    /**
     * The verbosity in effect where parsing ended: ddrescue applies {@code -q} and {@code -v} as it reads
     * them, so an error in an option before {@code -q} is still printed and one after it is not.
     */
    public int verbosity() {
        return verbosity;
    }

    /**
     * Parses {@code args} (without the program name).
     *
     * @throws UsageException with ddrescue's message for the first problem, in ddrescue's order
     */
    public Invocation parse(String... args) throws UsageException {
        reset();
        List<Item> items = GnuArgParser.parse(args, OPTIONS);
        int index = 0;
        for (; index < items.size() && !items.get(index).isOperand(); index++) {
            Item item = items.get(index);
            if (item.code() == 'h') {
                return new ShowHelp();
            }
            if (item.code() == 'V') {
                return new ShowVersion();
            }
            apply(item.code(), item.parsedName(), item.argument());
        }
        List<String> operands = items.subList(index, items.size()).stream().map(Item::argument).toList();
        if (operands.size() > 3) {
            throw new UsageException("Too many files.", true);
        }
        if (operands.size() < 2) {
            throw new UsageException("Both input and output files must be specified.", true);
        }
        return new Run(build(operands));
    }

    private void apply(int code, String pn, String arg) throws UsageException {
        switch (code) {
            case 'a' -> minReadRate = OptionalLong.of(number(arg, pn, sectorSize, 0, Long.MAX_VALUE));
            case 'A' -> tryAgain = true;
            case 'b' -> sectorSize = (int) number(arg, pn, 0, 1, DdrescueArguments.MAX_SECTOR_SIZE);
            case 'B' -> binaryPrefixes = true;
            case 'c' -> clusterSectors = (int) number(arg, pn, 0, 1, Integer.MAX_VALUE);
            case 'C' -> completeOnly = true;
            case 'd' -> directInput = true;
            case 'D' -> directOutput = true;
            case 'e' -> {
                newBadAreasOnly = arg.startsWith("+");
                maxBadAreas = OptionalLong.of(number(arg, pn, 0, 0, Long.MAX_VALUE));
            }
            case 'E' -> maxErrorRate = OptionalLong.of(number(arg, pn, sectorSize, 0, Long.MAX_VALUE));
            case 'f' -> force = true;
            case 'F' -> {
                setMode(OperationMode.FILL);
                parseFillTypes(arg, pn);
            }
            case 'G' -> setMode(OperationMode.GENERATE);
            case 'H' -> testModeMapfile = onlyOnce(testModeMapfile, arg, pn);
            case 'i' -> inputPosition = number(arg, pn, sectorSize, 0, Long.MAX_VALUE);
            case 'I' -> verifyInputSize = true;
            case 'J' -> verifyOnError = true;
            case 'K' -> skipSizes = SkipSizes.parse(arg, pn, sectorSize, skipSizes);
            case 'L' -> looseDomain = true;
            case 'm' -> domainMapfile = onlyOnce(domainMapfile, arg, pn);
            case 'M' -> retrim = true;
            case 'n' -> noScrape = true;
            case 'N' -> noTrim = true;
            case 'o' -> outputPosition = number(arg, pn, sectorSize, 0, Long.MAX_VALUE);
            case 'O' -> reopenOnError = true;
            case 'p' -> preallocate = true;
            case 'P' -> previewLines = arg.isEmpty() ? DdrescueArguments.DEFAULT_PREVIEW_LINES
                    : (int) number(arg, pn, 0, 1, MAX_PREVIEW_LINES);
            case 'q' -> verbosity = -1;
            case 'r' -> retryPasses = (int) number(arg, pn, 0, -1, MAX_RETRY_PASSES);
            case 'R' -> reverse = true;
            case 's' -> maxSize = number(arg, pn, sectorSize, -1, Long.MAX_VALUE);
            case 'S' -> sparse = true;
            case 't' -> truncate = true;
            case 'T' -> timeoutSeconds = OptionalInt.of(TimeIntervalArg.parseWholeSeconds(arg, pn, false));
            case 'u' -> unidirectional = true;
            case 'v' -> verbosity = Math.min(DdrescueArguments.MAX_VERBOSITY, verbosity + 1);
            case 'w' -> ignoreWriteErrors = true;
            case 'W' -> compareBeforeWrite = true;
            case 'x' -> extendOutfileTo = OptionalLong.of(number(arg, pn, sectorSize, 1, Long.MAX_VALUE));
            case 'X' -> maxReadErrors = OptionalLong.of(number(arg, pn, 0, 0, Long.MAX_VALUE));
            case 'y' -> synchronousWrites = true;
            case 'Z' -> maxReadRate = OptionalLong.of(number(arg, pn, sectorSize, 1, Long.MAX_VALUE));
            case OPT_ASK -> ask = true;
            case OPT_COMMAND_MODE -> setMode(OperationMode.COMMAND);
            case OPT_CPASS -> copyPasses = CopyPassList.parse(arg, pn);
            case OPT_DELAY_SLOW -> delaySlowSeconds = TimeIntervalArg.parseWholeSeconds(arg, pn, false);
            case OPT_EXIT_ON_ERROR -> maxReadErrors = OptionalLong.of(0);
            case OPT_LOG_EVENTS -> eventLog = logFile(arg);
            case OPT_MAPFILE_INTERVAL -> mapfileIntervals = MapfileIntervals.parse(arg, pn, mapfileIntervals);
            case OPT_MAX_SLOW_READS -> maxSlowReads = OptionalLong.of(number(arg, pn, 0, 0, Long.MAX_VALUE));
            case OPT_PAUSE_ON_ERROR -> parsePauseOnError(arg, pn);
            case OPT_PAUSE_ON_PASS -> pauseOnPassSeconds = TimeIntervalArg.parseWholeSeconds(arg, pn, false);
            case OPT_LOG_RATES -> rateLog = logFile(arg);
            case OPT_LOG_READS -> readLog = logFile(arg);
            case OPT_RESET_SLOW -> resetSlow = true;
            case OPT_SAME_FILE -> sameFile = true;
            default -> throw new IllegalStateException("uncaught option " + pn);
        }
    }

    private DdrescueArguments build(List<String> operands) {
        int cluster = clusterSectors;
        if (cluster >= Integer.MAX_VALUE / sectorSize) {
            cluster = Integer.MAX_VALUE / sectorSize - 1;
        }
        if (cluster < 1) {
            cluster = Math.max(1, DdrescueArguments.DEFAULT_CLUSTER_BYTES / sectorSize);
        }
        return new DdrescueArguments(mode, operands.get(0), operands.get(1),
                operands.size() > 2 ? Optional.of(operands.get(2)) : Optional.empty(),
                sectorSize, cluster, inputPosition, outputPosition < 0 ? inputPosition : outputPosition, maxSize,
                Optional.ofNullable(domainMapfile), Optional.ofNullable(testModeMapfile), looseDomain,
                copyPasses, skipSizes, tryAgain, retrim, noTrim, noScrape, reverse, unidirectional, completeOnly,
                retryPasses, minReadRate, maxReadRate, maxErrorRate, maxBadAreas, newBadAreasOnly, maxReadErrors,
                maxSlowReads, timeoutSeconds, delaySlowSeconds, resetSlow, pauseOnError, simulatedPauseOnError,
                pauseOnPassSeconds, directInput, directOutput, synchronousWrites, sparse, preallocate, truncate,
                extendOutfileTo, compareBeforeWrite, force, reopenOnError, verifyOnError, verifyInputSize,
                sameFile, ask, fillTypes, fillWritesLocation, ignoreWriteErrors, verbosity, binaryPrefixes,
                previewLines, Optional.ofNullable(eventLog), Optional.ofNullable(rateLog),
                Optional.ofNullable(readLog), mapfileIntervals);
    }

    private static long number(String arg, String pn, int sectorSizeForS, long min, long max) throws UsageException {
        return NumberArg.parse(arg, pn, sectorSizeForS, min, max);
    }

    private void setMode(OperationMode newMode) throws UsageException {
        if (mode != OperationMode.RESCUE && mode != newMode) {
            throw new UsageException("Only one operation can be specified.", true);
        }
        mode = newMode;
    }

    private static String onlyOnce(String current, String arg, String pn) throws UsageException {
        if (current != null) {
            throw new UsageException("Option '" + pn + "' can be specified only once.", false);
        }
        return arg;
    }

    /** Status characters, plus {@code l} for location data; at least one status. */
    private void parseFillTypes(String arg, String pn) throws UsageException {
        Set<BlockStatus> types = EnumSet.noneOf(BlockStatus.class);
        boolean location = false;
        for (int i = arg.length() - 1; i >= 0; i--) {
            char ch = arg.charAt(i);
            if (ch == 'l') {
                location = true;
            } else if (BlockStatus.fromSymbol(ch) != null) {
                types.add(BlockStatus.fromSymbol(ch));
            } else {
                throw OptionErrors.badArgument(arg, "Invalid type in argument of", pn);
            }
        }
        if (types.isEmpty()) {
            throw OptionErrors.badArgument(arg, "Missing type in argument of", pn);
        }
        fillTypes = types;
        fillWritesLocation = location;
    }

    private void parsePauseOnError(String arg, String pn) throws UsageException {
        simulatedPauseOnError = arg.startsWith("s");
        if (simulatedPauseOnError) {
            // a simulated pause is only added to the run time, so fractions of a second are allowed
            pauseOnError = TimeIntervalArg.parse(arg.substring(1), pn, false, 100);
        } else {
            pauseOnError = RationalSeconds.ofSeconds(TimeIntervalArg.parseWholeSeconds(arg, pn, false));
        }
    }

    private String logFile(String name) throws UsageException {
        if (name.equals("-")) {
            throw new UsageException("I won't write log data to standard output.", false);
        }
        if (fileKinds.existsAsNonRegular(name)) {
            throw new UsageException(name + ": Logfile exists and is not a regular file.", false);
        }
        return name;
    }

    private void reset() {
        mode = OperationMode.RESCUE;
        verbosity = 0;
        sectorSize = DdrescueArguments.DEFAULT_SECTOR_SIZE;
        clusterSectors = 0;
        inputPosition = 0;
        outputPosition = -1;
        maxSize = DdrescueArguments.NO_SIZE_LIMIT;
        domainMapfile = null;
        testModeMapfile = null;
        looseDomain = false;
        copyPasses = CopyPassList.all();
        skipSizes = SkipSizes.DEFAULT;
        tryAgain = false;
        retrim = false;
        noTrim = false;
        noScrape = false;
        reverse = false;
        unidirectional = false;
        completeOnly = false;
        retryPasses = 0;
        minReadRate = OptionalLong.empty();
        maxReadRate = OptionalLong.empty();
        maxErrorRate = OptionalLong.empty();
        maxBadAreas = OptionalLong.empty();
        newBadAreasOnly = false;
        maxReadErrors = OptionalLong.empty();
        maxSlowReads = OptionalLong.empty();
        timeoutSeconds = OptionalInt.empty();
        delaySlowSeconds = DdrescueArguments.DEFAULT_DELAY_SLOW_SECONDS;
        resetSlow = false;
        pauseOnError = RationalSeconds.ZERO;
        simulatedPauseOnError = false;
        pauseOnPassSeconds = 0;
        directInput = false;
        directOutput = false;
        synchronousWrites = false;
        sparse = false;
        preallocate = false;
        truncate = false;
        extendOutfileTo = OptionalLong.empty();
        compareBeforeWrite = false;
        force = false;
        reopenOnError = false;
        verifyOnError = false;
        verifyInputSize = false;
        sameFile = false;
        ask = false;
        fillTypes = EnumSet.noneOf(BlockStatus.class);
        fillWritesLocation = false;
        ignoreWriteErrors = false;
        binaryPrefixes = false;
        previewLines = 0;
        eventLog = null;
        rateLog = null;
        readLog = null;
        mapfileIntervals = MapfileIntervals.DEFAULT;
    }
}
