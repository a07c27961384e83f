package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.QrescueOptions;
import static io.qrescue.recovery.testing.FakeDeviceCatalog.disk;
import static io.qrescue.recovery.testing.FakeDeviceCatalog.mounted;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue image} runs {@link DeviceSafety} before the rescue: its refusals end the run with exit 1. */
class ImageDeviceSafetyTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldRefuseAMountedOutputDeviceBeforeReadingAnything() throws IOException {
        Files.write(dir.resolve("disk.img"), new byte[4096]);
        var catalog = new FakeDeviceCatalog(mounted(disk("/dev/null", "m", "s", 1 << 30), "/mnt/nas"));

        int code = image(catalog, "-f", "disk.img", "/dev/null", "disk.map");

        assertThat(code).isEqualTo(1);
        assertThat(errors()).isEqualTo("qrescue image: /dev/null: is mounted on /mnt/nas; unmount it first\n");
        assertThat(dir.resolve("disk.map")).doesNotExist();
    }

    @Test
    void shouldGoOnFromAnotherCopyWithAWarningAndRecordIt() throws IOException {
        Files.write(dir.resolve("disk.img"), new byte[4096]);
        assertThat(image(new FakeDeviceCatalog(), "-s2048", "disk.img", "out.img", "disk.map")).isZero();
        assertThat(dir.resolve("disk.map.source")).exists();

        Files.write(dir.resolve("copy.img"), new byte[8192]); // another, larger copy, as ddrescue allows
        int code = image(new FakeDeviceCatalog(), "copy.img", "out.img", "disk.map");

        assertThat(code).isZero();
        assertThat(errors()).startsWith("qrescue image: copy.img: disk.map was fed from " + dir.resolve("disk.img")
                + " (4096 bytes); now also from " + dir.resolve("copy.img") + " (8192 bytes)");
        assertThat(Files.readString(dir.resolve("disk.map.source"))).contains("size=4096\n", "size=8192\n");
        assertThat(Files.readString(dir.resolve("disk.map"))).contains("0x00000000  0x00002000  +");
    }

    private int image(FakeDeviceCatalog catalog, String... args) {
        return ImageRunner.run("qrescue image", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), dir, new io.qrescue.recovery.imaging.Imaging(catalog, () -> catalog), QrescueOptions.NONE, args);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
