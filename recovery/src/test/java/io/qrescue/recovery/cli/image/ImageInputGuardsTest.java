package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.InputGuards;
import io.qrescue.recovery.imaging.QrescueOptions;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --read-timeout} and {@code --reattach-wait} wired into real runs over files. */
class ImageInputGuardsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private byte[] data;

    @BeforeEach
    void source() throws IOException {
        data = new byte[0x40000];
        new Random(5).nextBytes(data);
        Files.write(dir.resolve("disk.img"), data);
        Files.writeString(dir.resolve("test.map"), "0 ? 1\n0 0x20000 +\n0x20000 0x200 -\n0x20200 0x1FE00 +\n");
    }

    private int image(InputGuards guards, String... args) {
        return ImageRunner.run("qrescue image", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), dir, new QrescueOptions(java.util.Optional.empty(), guards, 0, java.util.List.of(), false), args);
    }

    private String blocks(String map) throws IOException {
        return Files.readAllLines(dir.resolve(map)).stream().filter(l -> !l.startsWith("#")).skip(1)
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void shouldRescueEverythingThroughTheGuards() throws IOException {
        assertThat(image(new InputGuards(5_000_000_000L, 10_000_000_000L), "disk.img", "out.img", "disk.map")).isZero();
        assertThat(Files.readAllBytes(dir.resolve("out.img"))).isEqualTo(data);
        assertThat(blocks("disk.map")).isEqualTo("0x00000000  0x00040000  +\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void shouldKeepDdrescuesTestModeBehindTheDeadline() throws IOException {
        assertThat(image(InputGuards.NONE, "-H", "test.map", "disk.img", "plain.img", "plain.map")).isZero();
        assertThat(image(new InputGuards(5_000_000_000L, 0), "-H", "test.map", "disk.img", "guarded.img",
                "guarded.map")).isZero();
        assertThat(blocks("guarded.map")).isEqualTo(blocks("plain.map")).contains("0x00020000  0x00000200  -\n");
        assertThat(Files.readAllBytes(dir.resolve("guarded.img"))).isEqualTo(Files.readAllBytes(dir.resolve("plain.img")));
    }

    @Test
    void shouldDocumentTheOptionsInTheHelp() {
        assertThat(ImageHelp.text("qrescue image")).contains("--read-timeout=<interval>", "--reattach-wait=<interval>");
    }
}
