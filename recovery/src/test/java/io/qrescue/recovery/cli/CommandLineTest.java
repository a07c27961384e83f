package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The qrescue commands as a user runs them: output, files and ddrescue's exit codes. */
class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldDrawAPictureOrSayInOneLineWhyNot() throws IOException {
        Path map = dir.resolve("disk.map");
        Files.writeString(map, "0 + 1\n0 0x100000 +\n0x100000 0x200 -\n0x100200 0x1FFE00 ?\n");

        assertThat(run("map", "picture", map.toString(), dir.resolve("disk.svg").toString(), "--grid", "64x16")).isZero();
        assertThat(Files.readString(dir.resolve("disk.svg"))).contains("rescued");

        Files.writeString(map, "0 + 1\n0 0x100000 +\n0x200000 0x200 -\n");
        assertThat(run("map", "picture", map.toString(), dir.resolve("bad.png").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("qrescue: " + map + ": Error in mapfile, line 3: Blocks are not contiguous.\n");
        assertThat(dir.resolve("bad.png")).doesNotExist();
    }

    @Test
    void shouldExitOneOnABadOption() {
        assertThat(run("map", "picture", "a.map", "b.png", "--no-such-option")).isEqualTo(1);
        assertThat(err.toString()).contains("Unknown option").contains("Try 'qrescue map picture --help'");
    }

    @Test
    void shouldExitOneForAMissingMapfile() {
        assertThat(run("map", "picture", dir.resolve("none.map").toString(), dir.resolve("x.png").toString())).isEqualTo(1);
        assertThat(err.toString()).endsWith("none.map: Mapfile does not exist or is not readable.\n");
    }
}
