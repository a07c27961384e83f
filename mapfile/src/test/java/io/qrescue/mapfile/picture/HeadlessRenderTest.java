package io.qrescue.mapfile.picture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders in a fresh JVM with {@code -Djava.awt.headless=true} and no DISPLAY, as on a rescue server, and
 * checks that no AWT font class was loaded: the PNG text must not depend on installed fonts.
 */
class HeadlessRenderTest {

    @Test
    void shouldRenderWithoutDisplayOrFonts(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Djava.awt.headless=true",
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                HeadlessRender.class.getName(), dir.toString()));
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectErrorStream(true);
        Path log = dir.resolve("jvm.log");
        pb.redirectOutput(log.toFile());

        Process process = pb.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();

        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("headless=true");
        assertThat(output).as("class loading is logged").contains("java.awt.image.BufferedImage ");
        assertThat(output).doesNotContain("sun.font.", "java.awt.Font ", "sun.awt.X11");
        BufferedImage png = ImageIO.read(dir.resolve("map.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1024);
        assertThat(png.getHeight()).isEqualTo(768);
        assertThat(Files.readString(dir.resolve("map.svg"))).contains("headless.map", "bad-sector:");
    }
}
