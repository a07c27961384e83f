package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.QrescueOptions;
import static org.assertj.core.api.Assertions.assertThat;

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

/** {@code --ask}, {@code -p} and {@code --log-rates} of {@code qrescue image}. */
class ImageAskPreallocateRatesTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void source() throws IOException {
        byte[] data = new byte[0x40000];
        new Random(9).nextBytes(data);
        Files.write(dir.resolve("disk.img"), data);
    }

    private int image(String stdin, String... args) {
        return ImageRunner.run("qrescue image", new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir, QrescueOptions.NONE, args);
    }

    @Test
    void shouldCopyNothingUnlessTheUserSaysYes() {
        assertThat(image("n\n", "--ask", "disk.img", "out.img", "disk.map")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("GNU ddrescue 1.27\nAbout to copy 262144 Bytes\n"
                + "from 'disk.img' (256Ki)\n  to 'out.img'\nProceed (y/N)? ");
        assertThat(dir.resolve("out.img")).doesNotExist();
        assertThat(dir.resolve("disk.map")).doesNotExist();

        assertThat(image("y\n", "--ask", "disk.img", "out.img", "disk.map")).isZero();
        assertThat(dir.resolve("out.img")).hasSize(0x40000);
    }

    @Test
    void shouldMakeRoomForTheWholeDomainFirst() throws IOException {
        assertThat(image("", "-p", "-o", "0x1000", "-s", "0x10000", "disk.img", "out.img", "disk.map")).isZero();
        assertThat(Files.size(dir.resolve("out.img"))).isEqualTo(0x11000);
    }

    @Test
    void shouldLogRatesInDdrescuesFormat() throws IOException {
        assertThat(image("", "--log-rates=rates.log", "disk.img", "out.img", "disk.map")).isZero();
        String log = Files.readString(dir.resolve("rates.log"));
        assertThat(log).startsWith("# Rates Logfile. Created by GNU ddrescue version 1.27\n")
                .contains("#Time  Ipos  Current_rate  Average_rate  Bad_areas  Bad_size\n")
                .containsPattern("(?m)^ 0  0x[0-9A-F]{8} +\\d+ +\\d+ +0 +0$")
                .containsPattern("(?m)^# End time: +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$");
    }

    @Test
    void shouldRescueWithoutAMapfileAsDdrescueAllows() throws IOException {
        assertThat(image("", "disk.img", "out.img")).isZero();
        assertThat(Files.readAllBytes(dir.resolve("out.img"))).isEqualTo(Files.readAllBytes(dir.resolve("disk.img")));
    }
}
