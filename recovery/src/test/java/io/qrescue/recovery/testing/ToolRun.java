package io.qrescue.recovery.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A host tool run to its end (at most two minutes): exit status and merged output. */
public record ToolRun(int exit, String output) {

    public static ToolRun run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": still running after two minutes");
        }
        return new ToolRun(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
