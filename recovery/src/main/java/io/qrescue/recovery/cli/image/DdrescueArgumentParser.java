package io.qrescue.recovery.cli.image;

import io.qrescue.imager.rescue.CopyPasses;
import io.qrescue.imager.rescue.OperationMode;
import io.qrescue.imager.rescue.RescueOptions;
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
import java.util.Set;

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

    /** Run with these operands (as typed) and options (after the file and mode checks). */
    public record Run(String inputFile, String outputFile, Optional<String> mapfile, RescueOptions options)
            implements Invocation {
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


    private final FileKinds fileKinds;

    // what the rules of later options depend on; everything else goes straight into the builder
    private OperationMode mode;
    private int verbosity;
    private int sectorSize;
    private SkipSizeArg skipSizes;
    private MapfileIntervalArg mapfileIntervals;
    private String domainMapfile;
    private String testModeMapfile;
    private RescueOptions.Builder options;

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
        return build(operands);
    }

    private void apply(int code, String pn, String arg) throws UsageException {
        switch (code) {
            case 'a' -> options.minReadRate(number(arg, pn, sectorSize, 0, Long.MAX_VALUE));
            case 'A' -> options.tryAgain(true);
            case 'b' -> sectorSize = (int) number(arg, pn, 0, 1, RescueOptions.MAX_SECTOR_SIZE);
            case 'B' -> options.binaryPrefixes(true);
            case 'c' -> options.clusterSectors((int) number(arg, pn, 0, 1, Integer.MAX_VALUE));
            case 'C' -> options.completeOnly(true);
            case 'd' -> options.directInput(true);
            case 'D' -> options.directOutput(true);
            case 'e' -> {
                options.maxBadAreas(number(arg, pn, 0, 0, Long.MAX_VALUE), arg.startsWith("+"));
            }
            case 'E' -> options.maxErrorRate(number(arg, pn, sectorSize, 0, Long.MAX_VALUE));
            case 'f' -> options.force(true);
            case 'F' -> {
                setMode(OperationMode.FILL);
                parseFillTypes(arg, pn);
            }
            case 'G' -> setMode(OperationMode.GENERATE);
            case 'H' -> testModeMapfile = onlyOnce(testModeMapfile, arg, pn);
            case 'i' -> options.inputPosition(number(arg, pn, sectorSize, 0, Long.MAX_VALUE));
            case 'I' -> options.verifyInputSize(true);
            case 'J' -> options.verifyOnError(true);
            case 'K' -> skipSizes = SkipSizeArg.parse(arg, pn, sectorSize, skipSizes);
            case 'L' -> options.looseDomain(true);
            case 'm' -> domainMapfile = onlyOnce(domainMapfile, arg, pn);
            case 'M' -> options.retrim(true);
            case 'n' -> options.noScrape(true);
            case 'N' -> options.noTrim(true);
            case 'o' -> options.outputPosition(number(arg, pn, sectorSize, 0, Long.MAX_VALUE));
            case 'O' -> options.reopenOnError(true);
            case 'p' -> options.preallocate(true);
            case 'P' -> options.previewLines(arg.isEmpty() ? RescueOptions.DEFAULT_PREVIEW_LINES
                    : (int) number(arg, pn, 0, 1, RescueOptions.MAX_PREVIEW_LINES));
            case 'q' -> verbosity = -1;
            case 'r' -> options.maxRetries((int) number(arg, pn, 0, -1, RescueOptions.MAX_RETRY_PASSES));
            case 'R' -> options.reverse(true);
            case 's' -> options.maxSize(number(arg, pn, sectorSize, -1, Long.MAX_VALUE));
            case 'S' -> options.sparse(true);
            case 't' -> options.truncateOutput(true);
            case 'T' -> options.timeoutSeconds(TimeIntervalArg.parseWholeSeconds(arg, pn, false));
            case 'u' -> options.unidirectional(true);
            case 'v' -> verbosity = Math.min(RescueOptions.MAX_VERBOSITY, verbosity + 1);
            case 'w' -> options.ignoreWriteErrors(true);
            case 'W' -> options.compareBeforeWrite(true);
            case 'x' -> options.minOutfileSize(number(arg, pn, sectorSize, 1, Long.MAX_VALUE));
            case 'X' -> options.maxReadErrors(number(arg, pn, 0, 0, Long.MAX_VALUE));
            case 'y' -> options.synchronousWrites(true);
            case 'Z' -> options.maxReadRate(number(arg, pn, sectorSize, 1, Long.MAX_VALUE));
            case OPT_ASK -> options.ask(true);
            case OPT_COMMAND_MODE -> setMode(OperationMode.COMMAND);
            case OPT_CPASS -> options.copyPasses(copyPasses(arg, pn));
            case OPT_DELAY_SLOW -> options.delaySlowSeconds(TimeIntervalArg.parseWholeSeconds(arg, pn, false));
            case OPT_EXIT_ON_ERROR -> options.maxReadErrors(0);
            case OPT_LOG_EVENTS -> options.eventLog(Optional.of(logFile(arg)));
            case OPT_MAPFILE_INTERVAL -> mapfileIntervals = MapfileIntervalArg.parse(arg, pn, mapfileIntervals);
            case OPT_MAX_SLOW_READS -> options.maxSlowReads(number(arg, pn, 0, 0, Long.MAX_VALUE));
            case OPT_PAUSE_ON_ERROR -> parsePauseOnError(arg, pn);
            case OPT_PAUSE_ON_PASS -> options.pauseOnPassSeconds(TimeIntervalArg.parseWholeSeconds(arg, pn, false));
            case OPT_LOG_RATES -> options.rateLog(Optional.of(logFile(arg)));
            case OPT_LOG_READS -> options.readLog(Optional.of(logFile(arg)));
            case OPT_RESET_SLOW -> options.resetSlow(true);
            case OPT_SAME_FILE -> options.sameFile(true);
            default -> throw new IllegalStateException("uncaught option " + pn);
        }
    }

    private Run build(List<String> operands) {
        RescueOptions built = options.mode(mode).verbosity(verbosity).sectorSize(sectorSize)
                .skipSize(skipSizes.initialBytes()).maxSkipSize(skipSizes.maxBytes())
                .mapfileIntervals(mapfileIntervals.saveSeconds(), mapfileIntervals.syncSeconds())
                .domainMapfile(Optional.ofNullable(domainMapfile)).testModeMapfile(Optional.ofNullable(testModeMapfile))
                .build();
        return new Run(operands.get(0), operands.get(1),
                operands.size() > 2 ? Optional.of(operands.get(2)) : Optional.empty(), built);
    }

    /** {@code --cpass}, with ddrescue's message for a bad list. */
    private static CopyPasses copyPasses(String arg, String pn) throws UsageException {
        try {
            return CopyPasses.parse(arg);
        } catch (IllegalArgumentException e) {
            throw OptionErrors.badArgument(arg, "Invalid pass or range of passes in", pn);
        }
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
        options.fillTypes(types).fillWritesLocation(location);
    }

    private void parsePauseOnError(String arg, String pn) throws UsageException {
        boolean simulated = arg.startsWith("s");
        // a simulated pause is only added to the run time, so fractions of a second are allowed
        RationalSeconds pause = simulated ? TimeIntervalArg.parse(arg.substring(1), pn, false, 100)
                : RationalSeconds.ofSeconds(TimeIntervalArg.parseWholeSeconds(arg, pn, false));
        options.pauseOnError(pause.toNanos(), simulated);
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
        sectorSize = RescueOptions.DEFAULT_SECTOR_SIZE;
        skipSizes = SkipSizeArg.DEFAULT;
        mapfileIntervals = MapfileIntervalArg.DEFAULT;
        domainMapfile = null;
        testModeMapfile = null;
        options = RescueOptions.builder();
    }
}
