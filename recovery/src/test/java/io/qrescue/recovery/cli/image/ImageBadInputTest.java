package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.QrescueOptions;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
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

/**
 * Bad input to {@code qrescue image}: each gives one clear line, ddrescue's exit code, and loses nothing
 * already rescued (the mapfile is left byte for byte as it was).
 */
class ImageBadInputTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final String rescuedMap = "# a rescue in progress\n0x10000 ? 1\n0 0x10000 +\n0x10000 0x30000 ?\n";

    @BeforeEach
    void source() throws IOException {
        byte[] data = new byte[0x40000];
        new Random(5).nextBytes(data);
        Files.write(dir.resolve("disk.img"), data);
    }

    private int image(String... args) {
        return ImageRunner.run("qrescue image", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), dir, QrescueOptions.NONE, args);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseAMapfileOfALargerDisk() throws IOException {
        String otherDisk = "0 + 1\n0 0x80000 +\n";
        Files.writeString(dir.resolve("disk.map"), otherDisk);

        assertThat(image("disk.img", "out.img", "disk.map")).isEqualTo(1);
        assertThat(errors()).startsWith("qrescue image: Rescued data in mapfile goes past end of input file.");
        assertThat(Files.readString(dir.resolve("disk.map"))).isEqualTo(otherDisk);
    }

    @Test
    void shouldRefuseACorruptMapfileNamingItsLine() throws IOException {
        String corrupt = rescuedMap + "0x40000 0x1000 +\n0x50000 0x1000 -\n";
        Files.writeString(dir.resolve("disk.map"), corrupt);

        assertThat(image("disk.img", "out.img", "disk.map")).isEqualTo(2);
        assertThat(errors()).isEqualTo("qrescue image: disk.map: Error in mapfile, line 6: Blocks are not contiguous.\n");
        assertThat(Files.readString(dir.resolve("disk.map"))).isEqualTo(corrupt);
        assertThat(dir.resolve("out.img")).doesNotExist();
    }

    @Test
    void shouldSayWhenTheSourceCannotBeRead() throws IOException {
        Files.writeString(dir.resolve("disk.map"), rescuedMap);

        assertThat(image("missing.img", "out.img", "disk.map")).isEqualTo(1);
        assertThat(errors()).isEqualTo("qrescue image: missing.img: Can't open input file: No such file or directory\n");
        assertThat(Files.readString(dir.resolve("disk.map"))).isEqualTo(rescuedMap);
        assertThat(dir.resolve("out.img")).doesNotExist();
    }

    @Test
    void shouldSayWhenTheDestinationCannotBeOpened() throws IOException {
        Files.writeString(dir.resolve("disk.map"), rescuedMap);

        assertThat(image("disk.img", "no/such/dir/out.img", "disk.map")).isEqualTo(1);
        assertThat(errors()).isEqualTo(
                "qrescue image: no/such/dir/out.img: Can't open output file: No such file or directory\n");
        assertThat(Files.readString(dir.resolve("disk.map"))).isEqualTo(rescuedMap);
    }

    @Test
    void shouldStopOnAFullDestinationWithoutClaimingUnwrittenData() throws Exception {
        Files.writeString(dir.resolve("disk.map"), rescuedMap);

        assertThat(image("-f", "disk.img", "/dev/full", "disk.map")).isEqualTo(1);
        assertThat(errors()).contains("qrescue image: /dev/full: Write error");
        // what was finished before stays finished; nothing that could not be written is claimed
        Mapfile after = MapfileReader.read(dir.resolve("disk.map"), null);
        assertThat(after.blocks().toList().stream().filter(b -> b.status() == BlockStatus.FINISHED).toList())
                .containsExactly(new StatusBlock(0, 0x10000, BlockStatus.FINISHED));
    }

    @Test
    void shouldRefuseToCopyAFileOntoItself() throws IOException {
        Files.writeString(dir.resolve("disk.map"), rescuedMap);

        assertThat(image("disk.img", "disk.img", "disk.map")).isEqualTo(1);
        assertThat(errors()).startsWith("qrescue image: disk.img: Infile and outfile are the same.");
        assertThat(Files.readString(dir.resolve("disk.map"))).isEqualTo(rescuedMap);
    }
}
