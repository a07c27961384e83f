package io.qrescue.recovery.imaging;

import io.qrescue.imager.device.AlignedReadDevice;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.BlockDevices;
import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.device.OpenOptions;
import io.qrescue.imager.device.guard.DeviceLocator;
import io.qrescue.imager.inventory.DeviceCatalog;
import io.qrescue.imager.inventory.DeviceInfo;
import io.qrescue.imager.inventory.DeviceKind;
import io.qrescue.imager.latency.LatencyLog;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.output.OutputImages;
import io.qrescue.imager.rescue.MapfileTarget;
import io.qrescue.imager.rescue.OperationMode;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.Rescuer;
import io.qrescue.imager.rescue.log.EventsLog;
import io.qrescue.imager.rescue.log.RatesLog;
import io.qrescue.imager.rescue.log.ReadsLog;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileNotReadableException;
import io.qrescue.mapfile.MapfileReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an {@link ImagingRequest} in its mode, as ddrescue 1.27's main does after parsing: reads the domain
 * ({@code -i -s -m}) and test-mode ({@code -H}) mapfiles (a corrupt one is exit 2), then fill mode
 * ({@link FillLauncher}), generate mode ({@link GenerateLauncher}), command mode ({@link CommandMode}) or a
 * rescue. For a rescue it opens the input read-only through {@link BlockDevices} (natively on Linux, with O_DIRECT
 * and sector-aligned reads for {@code -d}, through the test-mode fault model with {@code -H}), the output, the
 * mapfile and the logs, runs the engine and reports its end in ddrescue's words. Before that,
 * {@link DeviceSafety} refuses a mounted output device and {@link SourceHistory} a mapfile fed from another disk
 * by mistake. A Ctrl-C (with {@code handleSignals}) stops the run before its next read; the map is saved and the
 * process ends as killed by the signal, as ddrescue does. qrescue's {@link InputGuards} (per-read deadline,
 * reattaching a vanished disk) go around the input as ddrescue would read it.
 */
public final class Imaging {

    private final DeviceCatalog devices;
    private final Supplier<DeviceCatalog> freshDevices; // asked anew while waiting for a vanished input

    /** With the machine's device inventory. */
    public Imaging() {
        this(DeviceCatalog.system(), DeviceCatalog::system);
    }

    /**
     * @param devices      what the safety checks know about block devices (see {@link DeviceSafety})
     * @param freshDevices a new inventory for each look while a vanished input is waited for
     */
    public Imaging(DeviceCatalog devices, Supplier<DeviceCatalog> freshDevices) {
        this.devices = devices;
        this.freshDevices = freshDevices;
    }

    /**
     * Runs {@code request} to its end.
     *
     * @param handleSignals install a shutdown hook that interrupts the run and waits for its final save (only for
     *                      a run that owns the process)
     */
    public ImagingResult run(ImagingRequest request, ImagingIo io, ImagingDisplay display, boolean handleSignals) {
        return run(request, io, display, handleSignals, RescueListener.NONE);
    }

    /**
     * Runs {@code request} to its end, telling {@code progress} of a rescue's reads and mapfile saves as well as the
     * display (a caller that follows the map as it fills, e.g. the rescue job announcing complete files).
     */
    public ImagingResult run(ImagingRequest request, ImagingIo io, ImagingDisplay display, boolean handleSignals,
            RescueListener progress) {
        ImagingPlan plan = plan(request, io, display);
        if (plan.refused()) {
            return ImagingResult.refused(plan.refusedWith());
        }
        return switch (request.options().mode()) {
            case RESCUE, COMMAND -> rescue(request, io, display, handleSignals, plan.domain(), plan.domainMap(),
                    plan.testDomain(), progress);
            case FILL -> new FillLauncher(io, display, handleSignals).launch(request, plan.domain());
            case GENERATE -> new GenerateLauncher(io, display, handleSignals).launch(request, plan.domain());
        };
    }

    /**
     * ddrescue's checks between parsing and opening the files, in its order: reads the domain mapfile, refuses
     * options the mode contradicts, warns about options it ignores, reads the test-mode mapfile, refuses what the
     * mode lacks. Reads standard input for {@code -m -} and {@code -H -}.
     */
    public ImagingPlan plan(ImagingRequest request, ImagingIo io, ImagingDisplay display) {
        RescueOptions o = request.options();
        Domain domain;
        Optional<BlockMap> domainMap = Optional.empty();
        Optional<Domain> testDomain = Optional.empty();
        try {
            if (o.domainMapfile().isPresent()) {
                domainMap = Optional.of(readMap(o.domainMapfile().get(), o.looseDomain(), io));
                domain = Domain.ofFinished(domainMap.get(), o.inputPosition(), o.maxSize());
            } else {
                domain = Domain.of(o.inputPosition(), o.maxSize());
            }
            Optional<String> incompatible = ModeRules.incompatibility(o);
            if (incompatible.isPresent()) {
                display.usageError(incompatible.get());
                return ImagingPlan.refused(1);
            }
            ModeRules.ignoredOptionsWarning(o).ifPresent(display::message);
            if ((o.mode() == OperationMode.RESCUE || o.mode() == OperationMode.COMMAND)
                    && o.testModeMapfile().isPresent()) {
                testDomain = Optional.of(Domain.ofFinished(readMap(o.testModeMapfile().get(), o.looseDomain(), io),
                        0, -1));
            }
        } catch (MapfileException e) {
            display.message(e.getMessage());
            return ImagingPlan.refused(e.exitCode());
        }
        Optional<String> missing = ModeRules.missingRequirement(request);
        if (missing.isPresent()) {
            display.usageError(missing.get());
            return ImagingPlan.refused(1);
        }
        return new ImagingPlan(0, domain, domainMap, testDomain);
    }

    /** A domain or test-mode mapfile, compacted ("-" is standard input); loose: gaps read as non-tried. */
    private static BlockMap readMap(String name, boolean loose, ImagingIo io) throws MapfileException {
        BlockStatus looseFill = loose ? BlockStatus.NON_TRIED : null;
        Mapfile map = name.equals("-") ? MapfileReader.read(io.stdin(), "(stdin)", looseFill)
                : MapfileReader.read(io.resolve(name), name, looseFill);
        map.blocks().compact();
        return map.blocks();
    }

    /** Rescue and command mode: the engine over input, output, mapfile and logs. */
    private ImagingResult rescue(ImagingRequest request, ImagingIo io, ImagingDisplay display, boolean handleSignals,
            Domain domain, Optional<BlockMap> domainMap, Optional<Domain> testDomain, RescueListener progress) {
        RescueOptions o = request.options();
        QrescueOptions own = request.own();
        TimeSource time = TimeSource.system();
        String startTime = MapfileHeader.timestamp(LocalDateTime.now());
        Path inPath = io.resolve(request.inputFile());
        Path outPath = io.resolve(request.outputFile());

        BlockDevice input;
        try {
            input = openInput(request, inPath, testDomain, time, true, display);
            Optional<DeviceInfo> listed = own.guards().reattachWaitNanos() > 0 ? devices.find(inPath) : Optional.empty();
            DeviceLocator locator = new CatalogDeviceLocator(freshDevices,
                    listed.map(DeviceInfo::kind).orElse(DeviceKind.DISK));
            input = own.guards().guard(input, listed.flatMap(CatalogDeviceLocator::identityOf), locator,
                    node -> openInput(request, node, testDomain, time, false, display), time,
                    event -> display.message(event.message()));
        } catch (IOException e) {
            return fileError(display, request.inputFile(), "Can't open input file", e);
        }

        Mapfile existing = null;
        Path mapPath = request.mapfile().map(io::resolve).orElse(null);
        if (mapPath != null) {
            try {
                existing = MapfileReader.read(mapPath, request.mapfile().get(), null);
            } catch (MapfileNotReadableException e) {
                existing = null; // a new rescue
            } catch (MapfileException e) {
                closeQuietly(input);
                display.message(e.getMessage());
                return ImagingResult.refused(e.exitCode());
            }
            if (existing != null && !Files.isWritable(mapPath)) {
                closeQuietly(input);
                display.message(request.mapfile().get() + ": Mapfile is not writable.");
                return ImagingResult.refused(1);
            }
        }

        DeviceSafety.Verdict safety = new DeviceSafety(devices, new MapfileFiles())
                .check(request, inPath, outPath, Optional.ofNullable(mapPath), existing != null);
        safety.warnings().forEach(display::message);
        if (safety.refusal().isPresent()) {
            closeQuietly(input);
            display.message(safety.refusal().get());
            return ImagingResult.refused(1);
        }

        // the domain the run will copy: -i/-s/-m cropped to the input (ddrescue asks and preallocates with it)
        Domain copyDomain = input.size() > 0 ? domain.crop(new Block(0, input.size())) : domain;
        if (o.ask() && !display.ask(question(request, copyDomain, input.size(), outPath))) {
            closeQuietly(input);
            return ImagingResult.refused(1);
        }
        MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, request.commandLine(), startTime, null);
        List<AutoCloseable> logs = new ArrayList<>();
        try (OutputImage output = OutputImages.open(outPath, o.compareBeforeWrite(), o.directOutput())) {
            if (o.preallocate() && !copyDomain.isEmpty()) {
                try {
                    OutputPreallocation.ensureRoom(outPath, o.outputOffset(), copyDomain.pos(), copyDomain.end());
                } catch (IOException e) {
                    return fileError(display, request.outputFile(), "Can't preallocate output file", e);
                }
            }
            boolean commandMode = o.mode() == OperationMode.COMMAND;
            List<RescueListener> listeners = new ArrayList<>();
            if (!commandMode) { // ddrescue shows no status and opens no log in command mode
                listeners.add(display.rescue(request, output, existing != null));
                openLogs(request, io, startTime, listeners, logs);
                listeners.add(progress);
            }
            Rescuer.Builder builder = Rescuer.builder().options(o).input(input).output(output)
                    .listener(RescueListener.of(listeners.toArray(RescueListener[]::new))).timeSource(time)
                    .queueDepth(own.queueDepth() > 0 ? own.queueDepth()
                            : QueueDepths.byDeviceType(testDomain.isPresent() ? Optional.empty() : devices.find(inPath)));
            domainMap.ifPresent(builder::domainMap);
            if (mapPath != null) { // without a mapfile operand the rescue keeps its map in memory, as ddrescue does
                builder.mapfile(existing, mapfileTarget(mapPath, header, io, display));
            }
            if (own.latencyLog().isPresent()) {
                LatencyLog log;
                try {
                    log = LatencyLog.create(io.resolve(own.latencyLog().get()), time.epochNanos());
                } catch (IOException e) {
                    return fileError(display, own.latencyLog().get(), "Can't open latency log file", e);
                }
                logs.add(log);
                builder.latencyLog(log);
            }
            Rescuer rescuer = builder.build();
            if (commandMode) {
                return report(request, rescuer.runCommands(io.stdin(), io.stdout()), display);
            }
            RescueResult result = InterruptibleRun.run(handleSignals, rescuer::run, rescuer::interrupt);
            return report(request, result, display);
        } catch (IOException e) {
            return fileError(display, request.outputFile(), "Can't open output file", e);
        } finally {
            for (AutoCloseable log : logs) {
                try {
                    log.close();
                } catch (Exception e) {
                    display.message("Error closing a log file: " + e.getMessage());
                }
            }
            closeQuietly(input);
        }
    }

    /** The run's mapfile, saved crash-safely; a failed save is the display's to decide (retry, emergency save, stop). */
    static MapfileTarget mapfileTarget(Path mapPath, MapfileHeader header, ImagingIo io, ImagingDisplay display) {
        return MapfileTarget.of(mapPath, header).onFailure(display::mapfileSaveFailed,
                io.workingDir().toAbsolutePath());
    }

    /** ddrescue's {@code --log-reads}, {@code --log-rates} and {@code --log-events} files. */
    private static void openLogs(ImagingRequest request, ImagingIo io, String startTime, List<RescueListener> listeners,
            List<AutoCloseable> logs) throws IOException {
        RescueOptions o = request.options();
            if (o.readLog().isPresent()) {
            Writer w = Files.newBufferedWriter(io.resolve(o.readLog().get()), StandardCharsets.ISO_8859_1);
            logs.add(w);
            listeners.add(new ReadsLog(w, request.commandLine(), startTime, Imaging::now));
        }
        if (o.rateLog().isPresent()) {
            Writer w = Files.newBufferedWriter(io.resolve(o.rateLog().get()), StandardCharsets.ISO_8859_1);
            logs.add(w);
            listeners.add(new RatesLog(w, request.commandLine(), startTime, Imaging::now));
        }
        if (o.eventLog().isPresent()) {
            Path eventsPath = io.resolve(o.eventLog().get());
            boolean appending = Files.exists(eventsPath) && Files.size(eventsPath) > 0;
            BufferedWriter w = Files.newBufferedWriter(eventsPath, StandardCharsets.ISO_8859_1,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logs.add(w);
            listeners.add(new EventsLog(w, request.commandLine(), startTime, appending, Imaging::now));
        }
    }

    /**
     * The input as ddrescue reads it: native or JDK, aligned for {@code -d}, through the test-mode fault model
     * for {@code -H} and qrescue's simulated faults. {@code announce}: say when O_DIRECT is refused (once per run,
     * not again on a reattach).
     */
    private static BlockDevice openInput(ImagingRequest request, Path path, Optional<Domain> testDomain,
            TimeSource time, boolean announce, ImagingDisplay display) throws IOException {
        RescueOptions o = request.options();
        BlockDevice base = BlockDevices.open(path, new OpenOptions(o.sectorSize(), o.directInput(), time));
        if (o.directInput()) {
            if (!base.directIo() && announce) {
                display.message("O_DIRECT refused for " + request.inputFile() + "; reading through the page cache");
            }
            base = new AlignedReadDevice(base);
        }
        List<io.qrescue.imager.device.FaultRule> faults = request.own().simulatedFaults();
        if (testDomain.isEmpty() && faults.isEmpty()) {
            return base;
        }
        return new FaultModelDevice(base, new FaultModel(testDomain.orElse(null), faults), time);
    }

    static void closeQuietly(BlockDevice input) {
        try {
            input.close();
        } catch (Exception ignored) {
            // read-only: nothing to lose
        }
    }

    /** ddrescue's {@code --ask} question: both files with their sizes. */
    private static String question(ImagingRequest request, Domain copyDomain, long inputSize, Path outPath) {
        String amount = copyDomain.end() >= Block.MAX_END ? "an unknown number of "
                : HumanNumbers.formatNum(copyDomain.inSize(), request.options().binaryPrefixes());
        String outSize = "";
        try {
            if (Files.exists(outPath)) {
                outSize = " (" + HumanNumbers.formatNum3(Files.size(outPath)) + ")";
            }
        } catch (IOException e) {
            outSize = "";
        }
        return "GNU ddrescue " + MapfileHeader.DDRESCUE_VERSION + "\n"
                + "About to copy " + amount + "Bytes\nfrom '" + request.inputFile() + "' ("
                + HumanNumbers.formatNum3(inputSize) + ")\n  to '" + request.outputFile() + "'" + outSize + "\n"
                + "Proceed (y/N)? ";
    }

    /** ddrescue's closing messages and exit code. */
    private static ImagingResult report(ImagingRequest request, RescueResult result, ImagingDisplay display) {
        result.stopMessages().forEach(display::line);
        showMessage(request, result, display);
        return ImagingResult.of(result);
    }

    /** The result's message, after the name of the file it is about. */
    static void showMessage(ImagingRequest request, RescueResult result, ImagingDisplay display) {
        if (!result.message().isEmpty()) {
            String subject = switch (result.subject()) {
                case INPUT_FILE -> request.inputFile() + ": ";
                case OUTPUT_FILE -> request.outputFile() + ": ";
                case MAPFILE -> request.mapfile().orElse("") + ": ";
                case NONE -> "";
            };
            display.message(subject + result.message());
        }
    }

    static ImagingResult fileError(ImagingDisplay display, String name, String what, IOException e) {
        display.message(name + ": " + what + ": " + reason(e));
        return ImagingResult.refused(1);
    }

    /** The C library's words for the common causes, as ddrescue prints them. */
    public static String reason(IOException e) {
        return MapfileFiles.reason(e);
    }

    static String now() {
        return MapfileHeader.timestamp(LocalDateTime.now());
    }
}
