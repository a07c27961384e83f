package io.qrescue.recovery.stack.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a host tool (mdadm, lvm, losetup) for the integration tests and returns its output (test-only). */
public final class HostTool {

    private HostTool() {
    }

    /** Result of one run: exit code and stdout + stderr kept apart. */
    public record Run(int exitCode, String out, String err) {
    }

    public static Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
        Path err = Files.createTempFile("qrescue-tool", ".err");
        try {
            pb.redirectError(err.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs and fails with the tool's stderr when it exits non-zero. */
    public static String check(String... command) throws IOException, InterruptedException {
        Run r = run(List.of(command));
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.err());
        }
        return r.out();
    }

    public static boolean installed(String path) {
        return Files.isExecutable(Path.of(path));
    }

    private static final Pattern OBJECT = Pattern.compile("\\{(\"[a-z_]+\":\"[^\"]*\"(, )?)+\\}");
    private static final Pattern PAIR = Pattern.compile("\"([a-z_]+)\":\"([^\"]*)\"");

    /** The flat objects of an lvm {@code --reportformat json} report (all values are strings there). */
    public static List<Map<String, String>> lvmJsonRows(String json) {
        List<Map<String, String>> rows = new ArrayList<>();
        Matcher m = OBJECT.matcher(json);
        while (m.find()) {
            Map<String, String> row = new LinkedHashMap<>();
            Matcher p = PAIR.matcher(m.group());
            while (p.find()) {
                row.put(p.group(1), p.group(2));
            }
            rows.add(row);
        }
        return rows;
    }

    /** "Key : value" lines of {@code mdadm --examine}. */
    public static Map<String, String> examineFields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(" : ");
            if (colon > 0) {
                out.put(line.substring(0, colon).trim(), line.substring(colon + 3).trim());
            }
        }
        return out;
    }
}
