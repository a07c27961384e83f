package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GNU ddrescue 1.27's own test suite ({@code testsuite/check.sh} of the gddrescue source package, which
 * {@code .ci/setup} fetches into {@code ~/.cache/qrescue/gddrescue-source}) run with {@code qrescue image} as
 * ddrescue and {@code qrescue log} as ddrescuelog: check.sh runs {@code ./ddrescue} and {@code ./ddrescuelog} from
 * its working directory, so two wrapper scripts there start the shaded jar. Every case must pass as it does for
 * GNU ddrescue: its error exits, combining partial copies into one rescue, generate mode, {@code --same-file},
 * command mode, and every ddrescuelog operation. About 850 processes: a few minutes.
 */
@Tag("integration")
class GddrescueCheckIT {

    private static final Path JAR = Path.of("target/qrescue.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void shouldPassGnuDdrescuesOwnTestSuite() throws IOException, InterruptedException {
        Path testsuite = testsuite();
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        Path objdir = Files.createDirectories(dir.resolve("obj"));
        wrapper(objdir.resolve("ddrescue"), "image");
        wrapper(objdir.resolve("ddrescuelog"), "log");

        Path output = dir.resolve("check.out");
        // bash rather than sh: its $LINENO names the failing line of check.sh
        Process check = new ProcessBuilder("bash", testsuite.resolve("check.sh").toString(), testsuite.toString(),
                "1.27").directory(objdir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        check.getOutputStream().close();
        boolean ended = check.waitFor(40, TimeUnit.MINUTES);
        if (!ended) {
            check.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.ISO_8859_1);
        assertThat(ended).as("check.sh ended; its output so far:\n" + text).isTrue();
        assertThat(text).as("check.sh's output (the numbers are the lines of check.sh that failed)")
                .contains("tests completed successfully.");
        assertThat(check.exitValue()).isZero();
    }

    /** {@code testsuite/} of the unpacked gddrescue source package that {@code .ci/setup} fetched. */
    private static Path testsuite() throws IOException {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = (cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"),
                ".cache")).resolve("qrescue/gddrescue-source");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (DirectoryStream<Path> sources = Files.newDirectoryStream(base, "ddrescue-*")) {
                for (Path source : sources) {
                    if (Files.isRegularFile(source.resolve("testsuite/check.sh"))) {
                        found.add(source.resolve("testsuite"));
                    }
                }
            }
        }
        assertThat(found).as("GNU ddrescue's test suite under " + base + ": run .ci/setup").hasSize(1);
        return found.get(0);
    }

    /**
     * A script that runs {@code qrescue COMMAND} with the arguments it gets. The JVM flags only shorten the start
     * (C1 only, serial GC): check.sh starts hundreds of short runs.
     */
    private static void wrapper(Path script, String command) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "
                + "-Xshare:auto -Djava.awt.headless=true -jar '" + JAR + "' " + command + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
