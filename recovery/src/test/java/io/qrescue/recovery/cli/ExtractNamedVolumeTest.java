package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue extract --volume vg1/lv2} through the real catalog (the stack analysis) on a fixture. */
class ExtractNamedVolumeTest {

    @TempDir
    Path dir;

    @Test
    void shouldExtractAThinVolumeByNameAsItsExt4FileSystem() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Path out = dir.resolve("lv2.img");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(o, true), new PrintWriter(e, true))
                .execute("extract", image.toString(), out.toString(), "--volume", "vg1/lv2", "-q");
        assertThat(rc).as(e.toString()).isZero();
        assertThat(Files.size(out)).isEqualTo(32L << 20);
        try (FileChannel ch = FileChannel.open(out)) {
            ByteBuffer b = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, 1024);
            assertThat(b.getShort(56) & 0xffff).isEqualTo(0xEF53);
            // volume name of the ext4 superblock (s_volume_name at 120)
            assertThat(new String(b.array(), 120, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DataVol2");
        }
        int missing = Main.commandLine(new PrintWriter(o, true), new PrintWriter(e, true))
                .execute("extract", image.toString(), dir.resolve("x.img").toString(), "--volume", "vg1/nope");
        assertThat(missing).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(e.toString()).contains("no volume named 'vg1/nope'; volumes: vg1/lv1, vg1/lv2, vg1/snap10001");
    }
}
