package io.qrescue.recovery.cli.image;

import io.qrescue.imager.device.AlignedReadDevice;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.BlockDevices;
import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.device.FaultRule;
import io.qrescue.imager.device.OpenOptions;
import io.qrescue.imager.device.guard.DeviceLocator;
import io.qrescue.imager.inventory.DeviceCatalog;
import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.output.OutputImages;
import io.qrescue.imager.rescue.FileMapfileSaver;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.latency.LatencyLog;
import io.qrescue.imager.rescue.Rescuer;
import io.qrescue.imager.rescue.log.EventsLog;
import io.qrescue.imager.rescue.log.RatesLog;
import io.qrescue.imager.rescue.log.ReadsLog;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileNotReadableException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.cli.ExitCodes;
import io.qrescue.recovery.cli.gnu.NumberArg;
import java.io.PrintStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a checked ddrescue command line in its mode: fill ({@link FillLauncher}) and generate
 * ({@link GenerateLauncher}) mode have launchers of their own; command mode is refused as not supported yet.
 * For a rescue it opens the input read-only through {@link BlockDevices} (natively on Linux, with O_DIRECT and
 * sector-aligned reads for {@code -d}, through the test-mode fault model with {@code -H}), the output, the
 * mapfile and the logs, runs the engine and reports its end in ddrescue's words. Before the rescue,
 * {@link DeviceSafety} refuses a mounted output device and a resume from another disk. A Ctrl-C (or SIGTERM,
 * SIGHUP) stops the run before its next
 * read; the map is saved and the process ends as killed by the signal, as ddrescue does. qrescue's
 * {@link InputGuards} (per-read deadline, reattaching a vanished disk) go around the input as ddrescue would
 * read it; their events are printed as messages.
 */
public final class EngineLauncher implements ImageTool.RescueLauncher {

    private final String programName;
    private final String commandLine;
    private final ImageTool.Io io;
    private final Display display;
    private final boolean handleSignals;
    private final DeviceCatalog devices;
    private final String latencyLog; // --latency-log file name, null for none
    private final Supplier<DeviceCatalog> freshDevices; // asked anew while waiting for a vanished input
    private final InputGuards guards;
    private final int queueDepth; // --queue-depth, 0: by device type
    private final List<FaultRule> simulatedFaults; // --simulate, empty for a real input

    /** Builds the progress display of a run once its options and output are known. */
    @FunctionalInterface
    public interface Display {
        /** A listener that shows the run (or shows nothing). */
        RescueListener create(DdrescueArguments arguments, RescueOptions options, OutputImage output,
                boolean mapfileExisted);

        /** A display that shows nothing. */
        static Display none() {
            return (arguments, options, output, mapfileExisted) -> new RescueListener() {
            };
        }
    }

    /**
     * @param display       the progress display for the run
     * @param handleSignals install a shutdown hook that interrupts the run and waits for its final save
     */
    public EngineLauncher(String programName, String commandLine, ImageTool.Io io, Display display,
            boolean handleSignals) {
        this(programName, commandLine, io, display, handleSignals, DeviceCatalog.system());
    }

    /** With qrescue's input guards ({@code --read-timeout}, {@code --reattach-wait}). */
    EngineLauncher(String programName, String commandLine, ImageTool.Io io, Display display,
            boolean handleSignals, InputGuards guards) {
        this(programName, commandLine, io, display, handleSignals, DeviceCatalog.system(), DeviceCatalog::system,
                guards);
    }

    /** @param devices what the safety checks know about block devices (see {@link DeviceSafety}) */
    EngineLauncher(String programName, String commandLine, ImageTool.Io io, Display display, boolean handleSignals,
            DeviceCatalog devices) {
        this(programName, commandLine, io, display, handleSignals, devices, () -> devices, InputGuards.NONE);
    }

    /** @param freshDevices a new inventory for each look while a vanished input is waited for */
    EngineLauncher(String programName, String commandLine, ImageTool.Io io, Display display, boolean handleSignals,
            DeviceCatalog devices, Supplier<DeviceCatalog> freshDevices, InputGuards guards) {
        this(programName, commandLine, io, display, handleSignals, devices, freshDevices, guards, null, 0, List.of());
    }

    private EngineLauncher(String programName, String commandLine, ImageTool.Io io, Display display,
            boolean handleSignals, DeviceCatalog devices, Supplier<DeviceCatalog> freshDevices, InputGuards guards,
            String latencyLog, int queueDepth, List<FaultRule> simulatedFaults) {
        this.latencyLog = latencyLog;
        this.simulatedFaults = List.copyOf(simulatedFaults);
        this.queueDepth = queueDepth;
        this.freshDevices = freshDevices;
        this.guards = guards;
        this.programName = programName;
        this.commandLine = commandLine;
        this.io = io;
        this.display = display;
        this.handleSignals = handleSignals;
        this.devices = devices;
    }

    /**
     * This launcher, writing the rescue's read latencies to {@code file} (qrescue's {@code --latency-log}; relative
     * to the working directory) as an HdrHistogram interval log. Fill and generate mode read no input and ignore it.
     */
    public EngineLauncher withLatencyLog(String file) {
        return new EngineLauncher(programName, commandLine, io, display, handleSignals, devices, freshDevices,
                guards, java.util.Objects.requireNonNull(file, "file"), queueDepth, simulatedFaults);
    }

    /** This launcher, with up to {@code reads} reads in flight (qrescue's {@code --queue-depth}). */
    public EngineLauncher withQueueDepth(int reads) {
        return new EngineLauncher(programName, commandLine, io, display, handleSignals, devices, freshDevices,
                guards, latencyLog, reads, simulatedFaults);
    }

    /**
     * This launcher, reading the input as a disk failing by {@code faults} (qrescue's {@code --simulate}; with
     * {@code -H} both apply: the test-mode map first, then the rules).
     */
    public EngineLauncher withSimulatedFaults(List<FaultRule> faults) {
        return new EngineLauncher(programName, commandLine, io, display, handleSignals, devices, freshDevices,
                guards, latencyLog, queueDepth, faults);
    }

    @Override
    public int launch(DdrescueArguments a, Domain domain, Optional<Domain> testDomain) {
        return switch (a.mode()) {
            case RESCUE -> rescue(a, domain, testDomain);
            case FILL -> new FillLauncher(programName, commandLine, io, handleSignals).launch(a, domain);
            case GENERATE -> new GenerateLauncher(programName, commandLine, io, handleSignals).launch(a, domain);
            case COMMAND -> message(a, "Command mode (--command-mode) is not supported yet.", ExitCodes.ENVIRONMENT);
        };
    }

    /** Rescue mode: the rescue engine over input, output, mapfile and logs. */
    private int rescue(DdrescueArguments a, Domain domain, Optional<Domain> testDomain) {
        TimeSource time = TimeSource.system();
        String startTime = MapfileHeader.timestamp(LocalDateTime.now());
        Path inPath = file(a.inputFile());
        Path outPath = file(a.outputFile());

        BlockDevice input;
        try {
            input = openInput(a, inPath, testDomain, time, true);
            Optional<DeviceInfo> listed = guards.reattachWaitNanos() > 0 ? devices.find(inPath) : Optional.empty();
            DeviceLocator locator = new CatalogDeviceLocator(freshDevices,
                    listed.map(DeviceInfo::kind).orElse(DeviceKind.DISK));
            input = guards.guard(input, listed.flatMap(CatalogDeviceLocator::identityOf), locator,
                    node -> openInput(a, node, testDomain, time, false), time, event -> message(a, event.message(), 0));
        } catch (IOException e) {
            return fileError(a, a.inputFile(), "Can't open input file", e);
        }

        Mapfile existing = null;
        FileMapfileSaver saver = null;
        if (a.mapfile().isPresent()) {
            Path mapPath = file(a.mapfile().get());
            try {
                existing = MapfileReader.read(mapPath, a.mapfile().get(), null);
            } catch (MapfileNotReadableException e) {
                existing = null; // a new rescue
            } catch (MapfileException e) {
                return message(a, e.getMessage(), e.exitCode());
            }
            if (existing != null && !Files.isWritable(mapPath)) {
                return message(a, a.mapfile().get() + ": Mapfile is not writable.", ExitCodes.ENVIRONMENT);
            }
            MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, commandLine, startTime, null);
            saver = new FileMapfileSaver(mapPath, header, LocalDateTime::now);
        }

        DeviceSafety.Verdict safety = new DeviceSafety(devices, new MapfileFiles())
                .check(a, inPath, outPath, a.mapfile().map(this::file), existing != null);
        safety.warnings().forEach(w -> message(a, w, ExitCodes.OK));
        if (safety.refusal().isPresent()) {
            closeQuietly(input);
            return message(a, safety.refusal().get(), ExitCodes.ENVIRONMENT);
        }

        RescueOptions options = RescueOptionsMapping.of(a, a.domainMapfile().isPresent() ? domain : null);
        // the domain the run will copy: -i/-s/-m cropped to the input (ddrescue asks and preallocates with it)
        Domain copyDomain = input.size() > 0 ? domain.crop(new Block(0, input.size())) : domain;
        if (a.ask() && !userAgrees(a, copyDomain, input.size(), outPath)) {
            return ExitCodes.ENVIRONMENT;
        }
        List<AutoCloseable> logs = new ArrayList<>();
        try (OutputImage output = OutputImages.open(outPath, a.compareBeforeWrite(), a.directOutput())) {
            if (a.preallocate() && !copyDomain.isEmpty()) {
                try {
                    OutputPreallocation.ensureRoom(outPath, a.outputOffset(), copyDomain.pos(), copyDomain.end());
                } catch (IOException e) {
                    return fileError(a, a.outputFile(), "Can't preallocate output file", e);
                }
            }
            List<RescueListener> listeners = new ArrayList<>();
            listeners.add(display.create(a, options, output, existing != null));
            if (a.readLog().isPresent()) {
                Writer w = Files.newBufferedWriter(file(a.readLog().get()), StandardCharsets.ISO_8859_1);
                logs.add(w);
                listeners.add(new ReadsLog(w, commandLine, startTime, this::now));
            }
            if (a.rateLog().isPresent()) {
                Writer w = Files.newBufferedWriter(file(a.rateLog().get()), StandardCharsets.ISO_8859_1);
                logs.add(w);
                listeners.add(new RatesLog(w, commandLine, startTime, this::now));
            }
            if (a.eventLog().isPresent()) {
                Path eventsPath = file(a.eventLog().get());
                boolean appending = Files.exists(eventsPath) && Files.size(eventsPath) > 0;
                BufferedWriter w = Files.newBufferedWriter(eventsPath, StandardCharsets.ISO_8859_1,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                logs.add(w);
                listeners.add(new EventsLog(w, commandLine, startTime, appending, this::now));
            }
            Rescuer.Builder builder = Rescuer.builder().options(options).input(input).output(output)
                    .listener(RescueListener.of(listeners.toArray(RescueListener[]::new))).timeSource(time)
                    .queueDepth(queueDepth > 0 ? queueDepth
                            : QueueDepths.byDeviceType(testDomain.isPresent() ? Optional.empty() : devices.find(inPath)));
            if (saver != null) { // without a mapfile operand the rescue keeps its map in memory, as ddrescue does
                builder.mapfile(existing, saver);
            }
            if (latencyLog != null) {
                LatencyLog log;
                try {
                    log = LatencyLog.create(file(latencyLog), time.epochNanos());
                } catch (IOException e) {
                    return fileError(a, latencyLog, "Can't open latency log file", e);
                }
                logs.add(log);
                builder.latencyLog(log);
            }
            Rescuer rescuer = builder.build();
            RescueResult result = InterruptibleRun.run(handleSignals, rescuer::run, rescuer::interrupt);
            return report(a, result);
        } catch (IOException e) {
            return fileError(a, a.outputFile(), "Can't open output file", e);
        } finally {
            for (AutoCloseable log : logs) {
                try {
                    log.close();
                } catch (Exception e) {
                    message(a, "Error closing a log file: " + e.getMessage(), ExitCodes.ENVIRONMENT);
                }
            }
            closeQuietly(input);
        }
    }

    /**
     * The input as ddrescue reads it: native or JDK, aligned for {@code -d}, through the test-mode fault model
     * for {@code -H}. {@code announce}: say when O_DIRECT is refused (once per run, not again on a reattach).
     */
    private BlockDevice openInput(DdrescueArguments a, Path path, Optional<Domain> testDomain, TimeSource time,
            boolean announce) throws IOException {
        BlockDevice base = BlockDevices.open(path, new OpenOptions(a.sectorSize(), a.directInput(), time));
        if (a.directInput()) {
            if (!base.directIo() && announce) {
                message(a, "O_DIRECT refused for " + a.inputFile() + "; reading through the page cache", 0);
            }
            base = new AlignedReadDevice(base);
        }
        if (testDomain.isEmpty() && simulatedFaults.isEmpty()) {
            return base;
        }
        return new FaultModelDevice(base, new FaultModel(testDomain.orElse(null), simulatedFaults), time);
    }

    private static void closeQuietly(BlockDevice input) {
        try {
            input.close();
        } catch (Exception ignored) {
            // read-only: nothing to lose
        }
    }

    /**
     * ddrescue's {@code --ask}: names both files with their sizes and asks; only 'y' or 'Y' goes on.
     */
    private boolean userAgrees(DdrescueArguments a, Domain copyDomain, long inputSize, Path outPath) {
        PrintStream out = new PrintStream(io.stdout(), true, StandardCharsets.UTF_8);
        String amount = copyDomain.end() >= Block.MAX_END ? "an unknown number of "
                : HumanNumbers.formatNum(copyDomain.inSize(), a.binaryPrefixes());
        String outSize = "";
        try {
            if (Files.exists(outPath)) {
                outSize = " (" + NumberArg.formatNum3(Files.size(outPath)) + ")";
            }
        } catch (IOException e) {
            outSize = "";
        }
        out.print("GNU ddrescue " + MapfileHeader.DDRESCUE_VERSION + "\n");
        out.print("About to copy " + amount + "Bytes\nfrom '" + a.inputFile() + "' (" + NumberArg.formatNum3(inputSize)
                + ")\n  to '" + a.outputFile() + "'" + outSize + "\n");
        out.print("Proceed (y/N)? ");
        out.flush();
        try {
            int answer = io.stdin().read();
            return answer == 'y' || answer == 'Y';
        } catch (IOException e) {
            return false;
        }
    }

    /** ddrescue's closing messages and exit code. */
    private int report(DdrescueArguments a, RescueResult result) {
        if (a.verbosity() >= 0) {
            for (String stop : result.stopMessages()) {
                io.stderr().println(stop);
            }
            if (!result.message().isEmpty()) {
                String subject = switch (result.subject()) {
                    case INPUT_FILE -> a.inputFile() + ": ";
                    case OUTPUT_FILE -> a.outputFile() + ": ";
                    case MAPFILE -> a.mapfile().orElse("") + ": ";
                    case NONE -> "";
                };
                io.stderr().println(programName + ": " + subject + result.message());
            }
        }
        if (a.verbosity() > 0 || latencyLog != null) { // ddrescue prints no such lines: only when asked for
            result.phaseLatencies().forEach((phase, latency) -> io.stderr().println(
                    programName + ": " + phase.label() + ": " + latency.reads() + " reads, "
                            + ProgressFormat.latencySummary(latency)));
        }
        return result.exitCode();
    }

    private int fileError(DdrescueArguments a, String name, String what, IOException e) {
        return message(a, name + ": " + what + ": " + reason(e), ExitCodes.ENVIRONMENT);
    }

    private int message(DdrescueArguments a, String text, int exitCode) {
        if (a.verbosity() >= 0) {
            io.stderr().println(programName + ": " + text);
        }
        return exitCode;
    }

    /** The C library's words for the common causes, as ddrescue prints them. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    private Path file(String name) {
        return io.workingDir().resolve(name);
    }

    private String now() {
        return MapfileHeader.timestamp(LocalDateTime.now());
    }
}
