package io.qrescue.recovery.cli;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileNotReadableException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.mapfile.log.BlockNumbers;
import io.qrescue.mapfile.log.LogicOperation;
import io.qrescue.mapfile.log.MapComparison;
import io.qrescue.mapfile.log.StatusChange;
import io.qrescue.mapfile.log.BlockNumbersInput;
import io.qrescue.mapfile.log.StatusSummary;
import io.qrescue.recovery.cli.gnu.GnuArgParser;
import io.qrescue.recovery.cli.gnu.GnuArgParser.HasArg;
import io.qrescue.recovery.cli.gnu.GnuArgParser.Item;
import io.qrescue.recovery.cli.gnu.GnuArgParser.Option;
import io.qrescue.recovery.cli.gnu.NumberArg;
import io.qrescue.recovery.cli.gnu.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code qrescue log}: every operation of GNU ddrescuelog 1.27 with its own argument syntax, outputs and exit
 * codes, so it can stand in for ddrescuelog in scripts. Output mapfiles are written like ddrescuelog's
 * (header naming GNU ddrescuelog 1.27); a created mapfile replaces an old one atomically.
 */
public final class DdrescuelogTool {

    /**
     * Where the tool reads and writes; the terminal flags decide whether bitmaps may be used; relative file
     * names are resolved against {@code workingDir}.
     */
    public record Io(InputStream stdin, OutputStream stdout, PrintStream stderr, boolean stdinIsTerminal,
            boolean stdoutIsTerminal, Path workingDir) {
    }

    private enum Mode { NONE, AND, ANNOTATE, CHANGE, COMPARE, COMPLETE, CREATE, DELETE, DONE_STATUS, INVERT, LIST, OR,
        SHIFT, STATUS, XOR }

    private enum Format { LIST, BITMAP_BE, BITMAP_LE }

    private static final int OPT_SHIFT = 256;

    private static final List<Option> OPTIONS = List.of(
            new Option('a', "change-types", HasArg.YES),
            new Option('A', "annotate-mapfile", HasArg.NO),
            new Option('b', "block-size", HasArg.YES),
            new Option('b', "sector-size", HasArg.YES),
            new Option('B', "binary-prefixes", HasArg.NO),
            new Option('c', "create-mapfile", HasArg.MAYBE),
            new Option('C', "complete-mapfile", HasArg.MAYBE),
            new Option('d', "delete-if-done", HasArg.NO),
            new Option('D', "done-status", HasArg.NO),
            new Option('f', "force", HasArg.NO),
            new Option('F', "format", HasArg.YES),
            new Option('h', "help", HasArg.NO),
            new Option('i', "input-position", HasArg.YES),
            new Option('l', "list-blocks", HasArg.YES),
            new Option('L', "loose-domain", HasArg.NO),
            new Option('m', "domain-mapfile", HasArg.YES),
            new Option('n', "invert-mapfile", HasArg.NO),
            new Option('o', "output-position", HasArg.YES),
            new Option('p', "compare-mapfile", HasArg.YES),
            new Option('P', "compare-as-domain", HasArg.YES),
            new Option('q', "quiet", HasArg.NO),
            new Option('s', "size", HasArg.YES),
            new Option('s', "max-size", HasArg.YES),
            new Option('t', "show-status", HasArg.NO),
            new Option('v', "verbose", HasArg.NO),
            new Option('V', "version", HasArg.NO),
            new Option('x', "xor-mapfile", HasArg.YES),
            new Option('y', "and-mapfile", HasArg.YES),
            new Option('z', "or-mapfile", HasArg.YES),
            new Option(OPT_SHIFT, "shift", HasArg.NO));

    private static final String INVALID_TYPE = "Invalid type in argument of";

    private final String programName;
    private final String invocationName;
    private final Io io;
    private final long startMillis; // formatted only when a header is written: java.time costs start-up time
    private int verbosity;

    // options
    private long ipos;
    private long opos = -1;
    private long maxSize = -1;
    private String domainMapName;
    private String secondMapName;
    private int blockSize = 512;
    private boolean binaryPrefixes;
    private Format format = Format.LIST;
    private Mode mode = Mode.NONE;
    private boolean asDomain;
    private boolean force;
    private boolean loose;
    private String types1 = "";
    private String types2 = "";
    private BlockStatus createType1 = BlockStatus.FINISHED;
    private BlockStatus createType2 = BlockStatus.BAD_SECTOR;
    private BlockStatus completeType = BlockStatus.NON_TRIED;
    private String commandLine;

    /**
     * @param programName    prefix of messages ("qrescue log")
     * @param invocationName how the user invoked it, for the header and "Try ... --help"
     */
    public DdrescuelogTool(String programName, String invocationName, Io io) {
        this.programName = programName;
        this.invocationName = invocationName;
        this.io = io;
        this.startMillis = System.currentTimeMillis();
    }

    /** Runs ddrescuelog with {@code args} (without the program name) and returns its exit code. */
    public int run(String[] args) {
        commandLine = invocationName + (args.length > 0 ? " " + String.join(" ", args) : "");
        try {
            return runChecked(args);
        } catch (UsageException e) {
            showError(e.getMessage(), e.suggestHelp());
            return ExitCodes.of(e);
        } catch (MapfileException e) {
            showMessage(e.getMessage());
            return ExitCodes.of(e);
        } catch (IllegalStateException e) {
            showMessage("internal error: " + e.getMessage());
            return ExitCodes.INTERNAL;
        } catch (IOException e) {
            showMessage("(stdout): Error writing output: " + e.getMessage());
            return ExitCodes.of(e);
        } finally {
            try {
                io.stdout().flush();
            } catch (IOException ignored) {
                // nothing more can be reported
            }
            io.stderr().flush();
        }
    }

    private int runChecked(String[] args) throws UsageException, MapfileException, IOException {
        List<Item> items = GnuArgParser.parse(args, OPTIONS);
        int index = 0;
        for (; index < items.size() && !items.get(index).isOperand(); index++) {
            Item item = items.get(index);
            String pn = item.parsedName();
            String arg = item.argument();
            switch (item.code()) {
                case 'a' -> {
                    setMode(Mode.CHANGE);
                    parseTypes(arg, pn);
                }
                case 'A' -> setMode(Mode.ANNOTATE);
                case 'b' -> blockSize = (int) NumberArg.parse(arg, pn, 0, 1, Integer.MAX_VALUE);
                case 'B' -> binaryPrefixes = true;
                case 'c' -> {
                    setMode(Mode.CREATE);
                    parseTwoTypes(arg, pn);
                }
                case 'C' -> {
                    setMode(Mode.COMPLETE);
                    if (!arg.isEmpty()) {
                        if (arg.length() != 1 || BlockStatus.fromSymbol(arg.charAt(0)) == null) {
                            throw optionError(arg, INVALID_TYPE, pn);
                        }
                        completeType = BlockStatus.fromSymbol(arg.charAt(0));
                    }
                }
                case 'd' -> setMode(Mode.DELETE);
                case 'D' -> setMode(Mode.DONE_STATUS);
                case 'f' -> force = true;
                case 'F' -> format = switch (arg) {
                    case "list" -> Format.LIST;
                    case "bitmap-be" -> Format.BITMAP_BE;
                    case "bitmap", "bitmap-le" -> Format.BITMAP_LE;
                    default -> throw optionError(arg, "Invalid format name in", pn);
                };
                case 'h' -> {
                    print(helpText());
                    return ExitCodes.OK;
                }
                case 'i' -> ipos = NumberArg.parse(arg, pn, blockSize, 0, Long.MAX_VALUE);
                case 'l' -> {
                    setMode(Mode.LIST);
                    types1 = checkListTypes(arg, pn);
                }
                case 'L' -> loose = true;
                case 'm' -> {
                    if (domainMapName != null) {
                        throw new UsageException("Option '" + pn + "' can be specified only once.", false);
                    }
                    domainMapName = arg;
                }
                case 'n' -> setMode(Mode.INVERT);
                case 'o' -> opos = NumberArg.parse(arg, pn, blockSize, 0, Long.MAX_VALUE);
                case 'p', 'P' -> {
                    setMode(Mode.COMPARE);
                    secondMapName = arg;
                    asDomain = item.code() == 'P';
                }
                case 'q' -> verbosity = -1;
                case 's' -> maxSize = NumberArg.parse(arg, pn, blockSize, -1, Long.MAX_VALUE);
                case 't' -> setMode(Mode.STATUS);
                case 'v' -> verbosity = Math.min(4, verbosity + 1);
                case 'V' -> {
                    print("qrescue log, a stand-in for GNU ddrescuelog " + MapfileHeader.DDRESCUE_VERSION + "\n");
                    return ExitCodes.OK;
                }
                case 'x' -> {
                    setMode(Mode.XOR);
                    secondMapName = arg;
                }
                case 'y' -> {
                    setMode(Mode.AND);
                    secondMapName = arg;
                }
                case 'z' -> {
                    setMode(Mode.OR);
                    secondMapName = arg;
                }
                case OPT_SHIFT -> setMode(Mode.SHIFT);
                default -> throw new IllegalStateException("uncaught option.");
            }
        }
        if (mode == Mode.NONE) {
            throw new UsageException("You must specify the operation to be performed.", true);
        }
        if (opos < 0) {
            opos = ipos;
        }
        int operands = items.size() - index;
        if (mode == Mode.STATUS) {
            if (operands < 1) {
                throw new UsageException("At least one mapfile must be specified.", true);
            }
        } else if (operands != 1) {
            throw new UsageException(operands > 1 ? "Too many files." : "A mapfile must be specified.", true);
        }

        int exitCode = 0;
        for (; index < items.size(); index++) {
            String mapName = items.get(index).argument();
            Domain domain = buildDomain();
            switch (mode) {
                case AND, OR, XOR -> {
                    return logicOp(domain, mapName);
                }
                case ANNOTATE -> {
                    return annotate(domain, mapName);
                }
                case CHANGE -> {
                    return changeTypes(domain, mapName, types1, types2);
                }
                case COMPARE -> {
                    return compare(domain, mapName);
                }
                case COMPLETE -> {
                    return complete(mapName);
                }
                case CREATE -> {
                    return create(domain, mapName);
                }
                case DELETE -> {
                    return testIfDone(domain, mapName, true);
                }
                case DONE_STATUS -> {
                    return testIfDone(domain, mapName, false);
                }
                case INVERT -> {
                    return changeTypes(domain, mapName, "?*/-+", "++++-");
                }
                case LIST -> {
                    return list(domain, mapName);
                }
                case SHIFT -> {
                    return shift(domain, mapName);
                }
                case STATUS -> exitCode = Math.max(exitCode, showStatus(domain, mapName));
                default -> throw new IllegalStateException("invalid operation.");
            }
        }
        return exitCode;
    }

    // ---------------------------------------------------------------- operations

    private int logicOp(Domain domain, String mapName) throws MapfileException, IOException {
        Mapfile mapfile = readOrNull(mapName, null);
        if (mapfile == null) {
            return notReadable(mapName);
        }
        mapfile.blocks().compact();
        Mapfile second = readOrNull(secondMapName, null);
        if (second == null) {
            return notReadable(secondMapName);
        }
        second.blocks().compact();
        domain = domain.crop(mapfile.blocks().extent()).crop(second.blocks().extent());
        if (domain.isEmpty()) {
            return emptyDomain();
        }
        LogicOperation operation = switch (mode) {
            case AND -> LogicOperation.AND;
            case OR -> LogicOperation.OR;
            case XOR -> LogicOperation.XOR;
            default -> throw new IllegalStateException("invalid program_mode.");
        };
        operation.apply(mapfile.blocks(), second.blocks(), domain);
        writeMapToStdout(mapfile, null);
        return 0;
    }

    private int annotate(Domain domain, String mapName) throws MapfileException, IOException {
        Loaded loaded = load(mapName, domain);
        if (loaded.mapfile() == null) {
            return loaded.exitCode();
        }
        Mapfile mapfile = loaded.mapfile();
        domain = loaded.domain();
        mapfile.blocks().splitByDomainBorders(domain);
        writeMapToStdout(mapfile, domain);
        return 0;
    }

    private int changeTypes(Domain domain, String mapName, String from, String to)
            throws MapfileException, IOException {
        Loaded loaded = load(mapName, domain);
        if (loaded.mapfile() == null) {
            return loaded.exitCode();
        }
        Mapfile mapfile = loaded.mapfile();
        StatusChange.apply(mapfile.blocks(), loaded.domain(), from, to);
        writeMapToStdout(mapfile, null);
        return 0;
    }

    /** Reads, compacts and splits a map for -p/-P; null (with {@code result[0]} set) when done early. */
    private Mapfile prepareForCompare(Domain[] domain, String mapName, int[] result) throws MapfileException {
        Mapfile mapfile = readOrNull(mapName, asDomain && loose ? BlockStatus.NON_TRIED : null);
        if (mapfile == null) {
            result[0] = notReadable(mapName);
            return null;
        }
        mapfile.blocks().compact();
        domain[0] = domain[0].crop(mapfile.blocks().extent());
        if (domain[0].isEmpty()) {
            result[0] = emptyDomain();
            return null;
        }
        mapfile.blocks().splitByDomainBorders(domain[0]);
        return mapfile;
    }

    private int compare(Domain domain, String mapName) throws MapfileException {
        Domain[] d1 = {domain};
        Domain[] d2 = {domain};
        int[] result = {0};
        Mapfile first = prepareForCompare(d1, mapName, result);
        if (first == null) {
            return result[0];
        }
        Mapfile second = prepareForCompare(d2, secondMapName, result);
        if (second == null) {
            return result[0];
        }
        boolean differ = MapComparison.differ(first.blocks(), d1[0], second.blocks(), d2[0], asDomain);
        if (differ && verbosity >= 0) {
            io.stderr().print(programName + ": Mapfiles '" + mapName + "' and '" + secondMapName + "' differ.\n");
        }
        return differ ? 1 : 0;
    }

    private int complete(String mapName) throws MapfileException, IOException {
        Mapfile mapfile = readOrNull(mapName, completeType);
        if (mapfile == null) {
            return notReadable(mapName);
        }
        mapfile.blocks().compact();
        writeMapToStdout(mapfile, null);
        return 0;
    }

    private int create(Domain domain, String mapName) throws MapfileException, IOException, UsageException {
        if (domain.isEmpty()) {
            return emptyDomain();
        }
        long offset = opos - ipos;
        testOffset(offset);
        if (format != Format.LIST && io.stdinIsTerminal()) {
            showMessage("(stdin): I won't read bitmap data from a terminal.");
            return ExitCodes.ENVIRONMENT;
        }
        boolean toStdout = mapName.equals("-");
        if (!toStdout && !force && readOrNull(mapName, null) != null) {
            showMessage(mapName + ": Mapfile exists. Use '--force' to overwrite it.");
            return ExitCodes.ENVIRONMENT;
        }
        Mapfile mapfile = new Mapfile(BlockMap.filled(createType2));
        BlockMap blocks = mapfile.blocks();
        blocks.splitByDomainBorders(domain);
        byte[] input = io.stdin().readAllBytes();
        BlockNumbersInput.Failure failure = format == Format.LIST
                ? BlockNumbersInput.applyList(input, domain, blocks, blockSize, createType1)
                : BlockNumbersInput.applyBitmap(input, domain, blocks, blockSize, createType1,
                        format == Format.BITMAP_LE);
        if (failure != null) {
            showMessage(failure.message());
            return ExitCodes.CORRUPT_INPUT;
        }
        blocks.truncate(domain.end(), true);
        List<StatusBlock> result = BlockMap.compacted(BlockMap.shifted(blocks.toList(), offset, createType2));
        String text = MapfileWriter.toText(mapfile, result, header());
        if (toStdout) {
            io.stdout().write(text.getBytes(StandardCharsets.ISO_8859_1));
            return 0;
        }
        try {
            new MapfileFiles().replace(file(mapName), text.getBytes(StandardCharsets.ISO_8859_1), false);
        } catch (IOException e) {
            showMessage(mapName + ": Error writing mapfile: " + e.getMessage());
            return ExitCodes.of(e);
        }
        return 0;
    }

    private int testIfDone(Domain domain, String mapName, boolean delete) throws MapfileException {
        Loaded loaded = load(mapName, domain);
        if (loaded.mapfile() == null) {
            return loaded.exitCode();
        }
        Mapfile mapfile = loaded.mapfile();
        domain = loaded.domain();
        mapfile.blocks().splitByDomainBorders(domain);
        if (!MapComparison.isDone(mapfile.blocks(), domain)) {
            if (verbosity >= 1) {
                showMessage(displayName(mapName) + ": Mapfile not done.");
            }
            return 1;
        }
        if (!delete || mapName.equals("-")) {
            return 0;
        }
        try {
            Files.delete(file(mapName));
        } catch (IOException e) {
            showMessage(mapName + ": Error deleting mapfile: " + e.getMessage());
            return 1;
        }
        if (verbosity >= 1) {
            showMessage(mapName + ": Mapfile successfully deleted.");
        }
        return 0;
    }

    private int shift(Domain domain, String mapName) throws MapfileException, IOException {
        if (ipos != 0 && opos != 0) {
            showMessage("Either '-i' or '-o' must be 0");
            return ExitCodes.ENVIRONMENT;
        }
        long offset = opos - ipos;
        Loaded loaded = load(mapName, domain);
        if (loaded.mapfile() == null) {
            return loaded.exitCode();
        }
        Mapfile mapfile = loaded.mapfile();
        domain = loaded.domain();
        BlockMap blocks = mapfile.blocks();
        blocks.truncate(domain.end(), true);
        List<StatusBlock> result = BlockMap.compacted(BlockMap.shifted(blocks.toList(), offset, BlockStatus.NON_TRIED));
        io.stdout().write(MapfileWriter.toText(mapfile, result, header()).getBytes(StandardCharsets.ISO_8859_1));
        return 0;
    }

    private int list(Domain domain, String mapName) throws MapfileException, IOException, UsageException {
        long offset = opos - ipos;
        testOffset(offset);
        if (format != Format.LIST && io.stdoutIsTerminal()) {
            showMessage("(stdout): I won't write bitmap data to a terminal.");
            return ExitCodes.ENVIRONMENT;
        }
        Loaded loaded = load(mapName, domain);
        if (loaded.mapfile() == null) {
            return loaded.exitCode();
        }
        Mapfile mapfile = loaded.mapfile();
        domain = loaded.domain();
        BlockMap blocks = mapfile.blocks();
        blocks.splitByDomainBorders(domain);
        Set<BlockStatus> types = EnumSet.noneOf(BlockStatus.class);
        for (char c : types1.toCharArray()) {
            types.add(BlockStatus.fromSymbol(c));
        }
        if (format == Format.LIST) {
            StringBuilder text = new StringBuilder();
            BlockNumbers.writeList(offset, domain, blocks, blockSize, types, text);
            io.stdout().write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        } else {
            ByteArrayOutputStream bitmap = new ByteArrayOutputStream();
            BlockNumbers.writeBitmap(offset, domain, blocks, blockSize, types, format == Format.BITMAP_LE, bitmap);
            bitmap.writeTo(io.stdout());
        }
        return 0;
    }

    private int showStatus(Domain domain, String mapName) throws MapfileException {
        Mapfile mapfile = readOrNull(mapName, loose ? BlockStatus.NON_TRIED : null);
        if (mapfile == null) {
            return notReadable(mapName);
        }
        StatusSummary summary = StatusSummary.of(mapfile, domain);
        if (summary == null) {
            return emptyDomain();
        }
        print(summary.render(verbosity >= 1 ? mapName : null, binaryPrefixes));
        return 0;
    }

    // ---------------------------------------------------------------- helpers

    /** A mapfile with the domain cropped to its extent, or no mapfile and the exit code that ends the run. */
    private record Loaded(Mapfile mapfile, Domain domain, int exitCode) {
    }

    /** Reads {@code mapName} and crops {@code domain} to its extent, reporting a missing file or empty domain. */
    private Loaded load(String mapName, Domain domain) throws MapfileException {
        Mapfile mapfile = readOrNull(mapName, null);
        if (mapfile == null) {
            return new Loaded(null, domain, notReadable(mapName));
        }
        Domain cropped = domain.crop(mapfile.blocks().extent());
        if (cropped.isEmpty()) {
            return new Loaded(null, cropped, emptyDomain());
        }
        return new Loaded(mapfile, cropped, ExitCodes.OK);
    }

    private Domain buildDomain() throws MapfileException {
        if (domainMapName == null || domainMapName.isEmpty()) {
            return Domain.of(ipos, maxSize);
        }
        Mapfile domainMap;
        try {
            domainMap = read(domainMapName, loose ? BlockStatus.NON_TRIED : null);
        } catch (MapfileNotReadableException e) {
            throw new MapfileException(domainMapName + ": Mapfile does not exist or is not readable.",
                    ExitCodes.ENVIRONMENT);
        }
        domainMap.blocks().compact();
        return Domain.ofFinished(domainMap.blocks(), ipos, maxSize);
    }

    private Mapfile read(String name, BlockStatus looseFill) throws MapfileException {
        if (name.equals("-")) {
            return MapfileReader.read(io.stdin(), "(stdin)", looseFill);
        }
        return MapfileReader.read(file(name), name, looseFill);
    }

    /** The mapfile, or null if it does not exist or cannot be opened (the caller reports it). */
    private Mapfile readOrNull(String name, BlockStatus looseFill) throws MapfileException {
        try {
            return read(name, looseFill);
        } catch (MapfileNotReadableException e) {
            return null;
        }
    }

    private Path file(String name) {
        return io.workingDir().resolve(name);
    }

    private static String displayName(String name) {
        return name.equals("-") ? "(stdin)" : name;
    }

    private int notReadable(String mapName) {
        showMessage(displayName(mapName) + ": Mapfile does not exist or is not readable.");
        return ExitCodes.ENVIRONMENT;
    }

    private int emptyDomain() {
        showMessage("Nothing to do; domain is empty.");
        return ExitCodes.OK;
    }

    private void testOffset(long offset) throws UsageException {
        if (Math.abs(offset) % blockSize != 0) {
            throw new UsageException("Offset between '-i' and '-o' must be 0 or a multiple of sector size.", false);
        }
    }

    private void setMode(Mode newMode) throws UsageException {
        if (mode != Mode.NONE && mode != newMode) {
            throw new UsageException("Only one operation can be specified.", true);
        }
        mode = newMode;
    }

    private static UsageException optionError(String arg, String message, String optionName) {
        return new UsageException("'" + arg + "': " + message + " option '" + optionName + "'.", false);
    }

    private void parseTypes(String arg, String pn) throws UsageException {
        StringBuilder t1 = new StringBuilder();
        StringBuilder t2 = new StringBuilder();
        StringBuilder target = t1;
        boolean commaFound = false;
        boolean error = false;
        for (char ch : arg.toCharArray()) {
            if (ch == ',') {
                if (!commaFound) {
                    commaFound = true;
                    target = t2;
                    continue;
                }
                throw optionError(arg, "Too many commas in argument of", pn);
            }
            if (BlockStatus.fromSymbol(ch) == null) {
                error = true;
                break;
            }
            target.append(ch);
        }
        if (error || t1.length() == 0 || t2.length() == 0) {
            throw optionError(arg, INVALID_TYPE, pn);
        }
        while (t2.length() < t1.length()) {
            t2.append(t2.charAt(t2.length() - 1));
        }
        types1 = t1.toString();
        types2 = t2.toString();
    }

    private void parseTwoTypes(String arg, String pn) throws UsageException {
        if (arg.isEmpty()) {
            return;
        }
        if (arg.length() != 2 || arg.charAt(0) == arg.charAt(1) || BlockStatus.fromSymbol(arg.charAt(0)) == null
                || BlockStatus.fromSymbol(arg.charAt(1)) == null) {
            throw optionError(arg, INVALID_TYPE, pn);
        }
        createType1 = BlockStatus.fromSymbol(arg.charAt(0));
        createType2 = BlockStatus.fromSymbol(arg.charAt(1));
    }

    private static String checkListTypes(String arg, String pn) throws UsageException {
        for (int i = arg.length(); i > 0; ) {
            if (BlockStatus.fromSymbol(arg.charAt(--i)) == null) {
                throw optionError(arg, INVALID_TYPE, pn);
            }
        }
        if (arg.isEmpty()) {
            throw optionError(arg, "Missing type in argument of", pn);
        }
        return arg;
    }

    private MapfileHeader header() {
        String startTime = MapfileHeader.timestamp(
                LocalDateTime.ofInstant(Instant.ofEpochMilli(startMillis), ZoneId.systemDefault()));
        return new MapfileHeader(MapfileHeader.LOG_CREATOR, commandLine, startTime, null);
    }

    private void writeMapToStdout(Mapfile mapfile, Domain annotate) throws IOException {
        MapfileWriter.write(mapfile, header(), annotate, binaryPrefixes, io.stdout());
    }

    private void print(String text) {
        try {
            io.stdout().write(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            showMessage("(stdout): " + e.getMessage());
        }
    }

    private void showMessage(String message) {
        if (verbosity >= 0) {
            io.stderr().print(programName + ": " + message + "\n");
        }
    }

    private void showError(String message, boolean suggestHelp) {
        if (verbosity < 0) {
            return;
        }
        io.stderr().print(programName + ": " + message + "\n");
        if (suggestHelp) {
            io.stderr().print("Try '" + invocationName + " --help' for more information.\n");
        }
    }

    private String helpText() {
        return """
                qrescue log: the operations of GNU ddrescuelog %s on ddrescue mapfiles, with its option syntax.
                Shows, converts, compares and combines mapfiles; tests and deletes finished ones. The domain
                options restrict an operation to part of the map. '-' as MAPFILE is standard input (or, for
                --create-mapfile, standard output).

                Usage: %s [options] MAPFILE

                Operations (exactly one):
                  -t, --show-status               summary of the mapfile (several files allowed)
                  -l, --list-blocks=<types>       numbers of -b sized blocks of the given types (?*/-+)
                  -c, --create-mapfile[=<tt>]     mapfile from a list (or bitmap) of blocks on stdin [+-]
                  -C, --complete-mapfile[=<t>]    fill the gaps of a partial mapfile with type t [?]
                  -d, --delete-if-done            delete the mapfile if every block in the domain is done
                  -D, --done-status               exit 0 if every block in the domain is done
                  -n, --invert-mapfile            finished <-> others
                  -a, --change-types=<ot>,<nt>    change block types, like tr
                  -A, --annotate-mapfile          add human-readable positions and sizes as comments
                  -x, --xor-mapfile=<file>        XOR the finished blocks of <file> into the mapfile
                  -y, --and-mapfile=<file>        AND the finished blocks of <file> with the mapfile
                  -z, --or-mapfile=<file>         OR the finished blocks of <file> into the mapfile
                  -p, --compare-mapfile=<file>    compare the block types in the domain of both files
                  -P, --compare-as-domain=<file>  compare only the finished blocks
                      --shift                     move every block by (opos - ipos)
                Options:
                  -b, --block-size=<bytes>        block (sector) size for -l and -c [512]
                  -B, --binary-prefixes           binary prefixes in shown sizes
                  -f, --force                     overwrite an existing mapfile with -c
                  -F, --format=<name>             list, bitmap-le (= bitmap) or bitmap-be, for -l and -c
                  -i, --input-position=<bytes>    start of the domain [0]
                  -o, --output-position=<bytes>   position in the output [ipos]
                  -s, --size=<bytes>              size of the domain [to the end]
                  -m, --domain-mapfile=<file>     domain = finished blocks of <file>
                  -L, --loose-domain              accept unordered domain mapfiles with gaps
                  -q, --quiet                     no messages
                  -v, --verbose                   file names with -t, results with -d and -D
                  -h, --help                      this help
                  -V, --version                   version
                Numbers: decimal, 0x hex or 0 octal, with an optional multiplier (k, Ki, M, Mi, ... and
                s = sectors of -b). Exit status: 0 ok, 1 bad option or environment, 2 corrupt input, 3 bug.
                """.formatted(MapfileHeader.DDRESCUE_VERSION, invocationName);
    }

}
