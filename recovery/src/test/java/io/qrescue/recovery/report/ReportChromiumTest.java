package io.qrescue.recovery.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page as headless Chromium renders it: a real screenshot and the DOM it built. */
@Tag("integration")
class ReportChromiumTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1400;

    @TempDir
    Path dir;

    @Test
    void theScreenshotShowsThePictureWithItsMetadataOutline() throws IOException, InterruptedException {
        Path html = writeReport();
        Path shot = dir.resolve("shot.png");
        chromium(List.of("--screenshot=" + shot, "--window-size=" + WIDTH + "," + HEIGHT, html.toUri().toString()));
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).as("screenshot PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        long magenta = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                nonWhite += rgb != 0xFFFFFF ? 1 : 0;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                magenta += r > 220 && g < 40 && b > 220 ? 1 : 0;
            }
        }
        assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
        assertThat(nonWhite).as("non-white pixels").isGreaterThan((long) WIDTH * HEIGHT / 20);
        assertThat(magenta).as("metadata outline pixels").isGreaterThan(100);
    }

    @Test
    void theDomHoldsThePictureTheTreeAndTheTablesAndNoScript() throws IOException, InterruptedException {
        Path html = writeReport();
        String dom = chromium(List.of("--dump-dom", html.toUri().toString()));
        assertThat(dom).contains("<img id=\"map-picture\"").contains("src=\"data:image/png;base64,")
                .contains("id=\"stack-tree\"").contains("<table id=\"damage-table\"")
                .contains("<table id=\"volume-table\"").contains("<table id=\"filesystem-damage-table\"")
                .contains("<table id=\"file-table\"").contains("vg1/tp1").contains("thesis.odt")
                .contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quoted\"\\nnewline.jpg")
                .doesNotContain("<script");
    }

    private Path writeReport() throws IOException {
        Path html = dir.resolve("report dir/rescue report.html");
        Files.createDirectories(html.getParent());
        ReportWriter.write(SampleReports.sample(40, true), html, html.resolveSibling("rescue report.json"));
        return html;
    }

    /** Runs headless Chromium with a fresh profile and no network chatter; its standard output. */
    private String chromium(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> argv = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        argv.addAll(args);
        Path out = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(argv).redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 180 s");
        }
        assertThat(p.exitValue()).as("chromium exit; stderr: %s", Files.readString(dir.resolve("chromium.err")))
                .isZero();
        return new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
    }
}
