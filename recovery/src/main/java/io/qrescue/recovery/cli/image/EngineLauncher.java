package io.qrescue.recovery.cli.image;

import io.qrescue.imager.device.AlignedReadDevice;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.BlockDevices;
import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.device.OpenOptions;
import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.output.OutputImages;
import io.qrescue.imager.rescue.FileMapfileSaver;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.Rescuer;
import io.qrescue.imager.rescue.log.EventsLog;
import io.qrescue.imager.rescue.log.ReadsLog;
import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileNotReadableException;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.cli.ExitCodes;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the rescue for a checked ddrescue command line: opens the input read-only through {@link BlockDevices}
 * (natively on Linux, with O_DIRECT and sector-aligned reads for {@code -d}, through the test-mode fault model
 * with {@code -H}), the output, the mapfile and the logs, runs the engine and reports its end in ddrescue's words. A Ctrl-C (or SIGTERM, SIGHUP) stops the run before its next
 * read; the map is saved and the process ends as killed by the signal, as ddrescue does.
 */
public final class EngineLauncher implements ImageTool.RescueLauncher {

    private final String programName;
    private final String commandLine;
    private final ImageTool.Io io;
    private final Display display;
    private final boolean handleSignals;

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
        this.programName = programName;
        this.commandLine = commandLine;
        this.io = io;
        this.display = display;
        this.handleSignals = handleSignals;
    }

    @Override
    public int launch(DdrescueArguments a, Domain domain, Optional<Domain> testDomain) {
        TimeSource time = TimeSource.system();
        String startTime = MapfileHeader.timestamp(LocalDateTime.now());
        Path inPath = file(a.inputFile());
        Path outPath = file(a.outputFile());

        BlockDevice input;
        try {
            BlockDevice base = BlockDevices.open(inPath, new OpenOptions(a.sectorSize(), a.directInput(), time));
            if (a.directInput()) {
                if (!base.directIo()) {
                    message(a, "O_DIRECT refused for " + a.inputFile() + "; reading through the page cache", 0);
                }
                base = new AlignedReadDevice(base);
            }
            input = testDomain.isPresent() ? new FaultModelDevice(base, new FaultModel(testDomain.get(), List.of()), time)
                    : base;
        } catch (IOException e) {
            return fileError(a, a.inputFile(), "Can't open input file", e);
        }

        Mapfile existing = null;
        FileMapfileSaver saver = null;
        if (a.mapfile().isPresent()) {
            Path mapPath = file(a.mapfile().get());
            try {
                existing = MapfileReader.read(mapPath, null);
            } catch (MapfileNotReadableException e) {
                existing = null; // a new rescue
            } catch (MapfileException e) {
                return message(a, e.getMessage().replace(mapPath.toString(), a.mapfile().get()), e.exitCode());
            }
            if (existing != null && !Files.isWritable(mapPath)) {
                return message(a, a.mapfile().get() + ": Mapfile is not writable.", ExitCodes.ENVIRONMENT);
            }
            MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, commandLine, startTime, null);
            saver = new FileMapfileSaver(mapPath, header, LocalDateTime::now);
        }

        RescueOptions options = RescueOptionsMapping.of(a, a.domainMapfile().isPresent() ? domain : null);
        List<AutoCloseable> logs = new ArrayList<>();
        try (OutputImage output = OutputImages.open(outPath, a.compareBeforeWrite(), a.directOutput())) {
            List<RescueListener> listeners = new ArrayList<>();
            listeners.add(display.create(a, options, output, existing != null));
            if (a.readLog().isPresent()) {
                Writer w = Files.newBufferedWriter(file(a.readLog().get()), StandardCharsets.ISO_8859_1);
                logs.add(w);
                listeners.add(new ReadsLog(w, commandLine, startTime, this::now));
            }
            if (a.eventLog().isPresent()) {
                Path eventsPath = file(a.eventLog().get());
                boolean appending = Files.exists(eventsPath) && Files.size(eventsPath) > 0;
                BufferedWriter w = Files.newBufferedWriter(eventsPath, StandardCharsets.ISO_8859_1,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                logs.add(w);
                listeners.add(new EventsLog(w, commandLine, startTime, appending, this::now));
            }
            Rescuer rescuer = Rescuer.builder().options(options).input(input).output(output)
                    .mapfile(existing, saver).listener(RescueListener.of(listeners.toArray(RescueListener[]::new)))
                    .timeSource(time).build();
            RescueResult result = runInterruptibly(rescuer);
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
            try {
                input.close();
            } catch (Exception ignored) {
                // read-only: nothing to lose
            }
        }
    }

    /** Runs the rescue; a shutdown (Ctrl-C) interrupts it and waits until the map is saved. */
    private RescueResult runInterruptibly(Rescuer rescuer) {
        if (!handleSignals) {
            return rescuer.run();
        }
        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            rescuer.interrupt();
            try {
                saved.await(120, TimeUnit.SECONDS); // the current read finishes, then the map is saved
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "qrescue-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return rescuer.run();
        } finally {
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived: the JVM ends as killed by it once the hook returns
            }
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
