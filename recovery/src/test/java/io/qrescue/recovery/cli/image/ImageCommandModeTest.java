package io.qrescue.recovery.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.imaging.QrescueOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --command-mode} against GNU ddrescue 1.27 itself: the same commands on standard input, through a test-mode
 * map with bad areas, give the same answers on standard output, the same exit code, the same image and the same
 * mapfile blocks.
 */
@Tag("integration")
class ImageCommandModeTest {

    private static final String COMMANDS = "s 0 0x10000\nc 0x1000 0x3000\ns 0 0x10000\nbogus\n"
            + "c 0x8000 0x8000\nu\ns 0x7000 0x2000\nc 0 0x10000\ns 0 1\n";

    @TempDir
    Path dir;

    @Test
    void shouldAnswerAndCopyAsGnuDdrescue() throws Exception {
        byte[] data = new byte[0x10000];
        new Random(7).nextBytes(data);
        for (String side : List.of("gnu", "ours")) {
            Path d = Files.createDirectories(dir.resolve(side));
            Files.write(d.resolve("in.img"), data);
            Files.writeString(d.resolve("test.map"), "0 + 1\n0 0x2000 +\n0x2000 0x400 -\n0x2400 0x9C00 +\n"
                    + "0xC000 0x200 ?\n0xC200 0x3E00 +\n");
            Files.writeString(d.resolve("map"), "0 ? 1\n0 0x4000 ?\n0x4000 0x2000 *\n0x6000 0xA000 ?\n");
        }
        Path gnu = dir.resolve("gnu");
        Process p = new ProcessBuilder("ddrescue", "-H", "test.map", "--command-mode", "in.img", "out.img", "map")
                .directory(gnu.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(COMMANDS.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String gnuAnswers = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Path ours = dir.resolve("ours");
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        int code = ImageRunner.run("ddrescue", new ByteArrayInputStream(COMMANDS.getBytes(StandardCharsets.US_ASCII)),
                answers, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), ours,
                QrescueOptions.NONE, "-H", "test.map", "--command-mode", "in.img", "out.img", "map");

        assertThat(answers.toString(StandardCharsets.ISO_8859_1)).isEqualTo(gnuAnswers)
                .contains("error: unknown command 'bogus'", "done\n");
        assertThat(code).isEqualTo(p.exitValue());
        assertThat(Files.readAllBytes(ours.resolve("out.img"))).isEqualTo(Files.readAllBytes(gnu.resolve("out.img")));
        assertThat(blocks(ours.resolve("map"))).isEqualTo(blocks(gnu.resolve("map")));
    }

    private static List<String> blocks(Path map) throws IOException {
        return Files.readAllLines(map).stream().filter(l -> !l.startsWith("#")).toList();
    }
}
