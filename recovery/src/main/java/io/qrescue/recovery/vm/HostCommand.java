package io.qrescue.recovery.vm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs one host program with a hard timeout and captures its output; the child is killed by PID on timeout. */
public final class HostCommand {

    /** What a finished program left: its exit code and both outputs as text. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private HostCommand() {
    }

    /** Runs {@code command}; a program that cannot be started or does not end in time is a {@link VmException}. */
    public static Result run(List<String> command, Duration timeout) throws VmException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new VmException(command.get(0) + ": cannot run (" + e.getMessage() + ")", e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new VmException(command.get(0) + ": no answer within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), text(out), text(err));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new VmException(command.get(0) + ": interrupted", e);
        }
    }

    private static String text(CompletableFuture<byte[]> bytes) {
        return new String(bytes.join(), StandardCharsets.UTF_8);
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        // A thread of its own per stream: the common pool may have a single worker on a 2-core machine.
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                result.complete(buffer.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "host-command-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }
}
