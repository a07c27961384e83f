package io.qrescue.recovery.vm.qemu;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A started qemu process. Its serial console is {@link #consoleOutput()} (what the guest prints) and
 * {@link #consoleInput()} (what the guest reads). Closing it, an exception in the caller, or the JVM ending
 * (Ctrl-C) kills the process by its PID; nothing else is ever killed.
 */
public final class RunningVm implements AutoCloseable {
    private final Process process;
    private final List<String> commandLine;
    private final Path stderrLog;
    private final Thread shutdownHook;
    private final long startNanos = System.nanoTime();

    RunningVm(Process process, List<String> commandLine, Path stderrLog) {
        this.process = process;
        this.commandLine = List.copyOf(commandLine);
        this.stderrLog = stderrLog;
        long pid = process.pid();
        this.shutdownHook = new Thread(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly),
                "qemu-" + pid + "-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The qemu process id. */
    public long pid() {
        return process.pid();
    }

    /** The argument list qemu was started with. */
    public List<String> commandLine() {
        return commandLine;
    }

    /** Bytes the guest writes to its console (null when the console was handed to the terminal). */
    public InputStream consoleOutput() {
        return process.getInputStream();
    }

    /** Bytes typed into the guest's console (null when the console was handed to the terminal). */
    public OutputStream consoleInput() {
        return process.getOutputStream();
    }

    /** True while qemu runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Milliseconds since qemu was started. */
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Waits up to {@code timeout} for qemu to end by itself; its exit code, or empty when it still runs. */
    public OptionalInt waitForExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.of(process.exitValue());
        }
        return OptionalInt.empty();
    }

    /** What qemu itself wrote to stderr (errors about disks, accelerators...), trimmed; empty when nothing. */
    public String qemuErrors() {
        try {
            return stderrLog != null && Files.exists(stderrLog) ? Files.readString(stderrLog).trim() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Kills qemu by its PID if it still runs and waits until it is gone. */
    @Override
    public void close() {
        if (process.isAlive()) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("qemu pid " + process.pid() + " did not end after SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway and finds the process gone
        }
    }
}
