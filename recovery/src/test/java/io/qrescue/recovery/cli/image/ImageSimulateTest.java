package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.Imaging;
import io.qrescue.recovery.imaging.ImagingIo;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --simulate=FILE}: the input read as a disk failing as the fault spec says. */
class ImageSimulateTest {

    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream err, String... args) {
        ImageCommand command = new ImageCommand();
        command.args = List.of(args);
        var io = new ImagingIo(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), dir);
        return command.run(io, new PrintStream(err, true, StandardCharsets.UTF_8), false, false,
                new Imaging(new FakeDeviceCatalog(), FakeDeviceCatalog::new));
    }

    @Test
    void shouldMarkHardBadSectorsBadAndRecoverSoftOnesOnRetry() throws Exception {
        byte[] disk = new byte[1 << 20];
        new Random(5).nextBytes(disk);
        Files.write(dir.resolve("disk.img"), disk);
        Files.writeString(dir.resolve("faults"), """
                bad  0x10000 0x400          # two hard bad sectors
                soft 0x80000 0x200 tries=2  # one sector that reads on its third try
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "-q", "-r2", "--simulate=faults", "disk.img", "out.img", "out.map");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<StatusBlock> map = MapfileReader.read(dir.resolve("out.map"), null).blocks().toList();
        assertThat(map).containsExactly(new StatusBlock(0, 0x10000, BlockStatus.FINISHED),
                new StatusBlock(0x10000, 0x400, BlockStatus.BAD_SECTOR),
                new StatusBlock(0x10400, disk.length - 0x10400, BlockStatus.FINISHED));
        byte[] out = Files.readAllBytes(dir.resolve("out.img"));
        assertThat(java.util.Arrays.equals(out, 0x80000, 0x80200, disk, 0x80000, 0x80200)).isTrue();
    }

    @Test
    void shouldNameTheSpecFileAndLineOfABadRule() throws Exception {
        Files.write(dir.resolve("disk.img"), new byte[4096]);
        Files.writeString(dir.resolve("faults"), "bad 0 100\nwobble 1 2\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "--simulate=faults", "disk.img", "out.img", "out.map");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("qrescue image: faults: fault spec line 2:");
        assertThat(dir.resolve("out.map")).doesNotExist();
    }
}
