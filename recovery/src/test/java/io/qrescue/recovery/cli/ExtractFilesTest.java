package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.volume.PayloadFiles;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue extract --files DIR}: the files of the extracted volume, the damaged one named (needs debugfs). */
@Tag("integration")
class ExtractFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldCopyEveryFileAndNameTheOneOnAnUnreadableSector() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Map<String, byte[]> payload = PayloadFiles.forSeed(1);
        // where bytes 512 KiB.. of the pattern file lie on the image, found by content (the test knows no ext4)
        byte[] disk = Files.readAllBytes(image);
        byte[] needle = Arrays.copyOfRange(payload.get("lv1/pattern-1MiB.txt"), 512 << 10, (512 << 10) + 4096);
        long at = -1;
        for (int off = 0; off + 4096 <= disk.length && at < 0; off += 512) {
            if (Arrays.equals(disk, off, off + 4096, needle, 0, 4096)) {
                at = off;
            }
        }
        assertThat(at).isPositive();
        Path map = dir.resolve("disk.map");
        Files.writeString(map, "0 + 1\n0x0 0x" + Long.toHexString(at) + " +\n0x" + Long.toHexString(at)
                + " 0x1000 -\n0x" + Long.toHexString(at + 4096) + " 0x" + Long.toHexString(disk.length - at - 4096)
                + " +\n");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("extract",
                image.toString(), dir.resolve("lv1.img").toString(), "--volume", "vg1/lv1", "--map", map.toString(),
                "--files", dir.resolve("lv1-files").toString(), "-q");

        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("1 damaged");
        assertThat(Files.readString(dir.resolve("lv1-files/damaged-files.txt"))).contains("pattern-1MiB.txt")
                .doesNotContain("hello.txt");
        String sums = Files.readString(dir.resolve("lv1-files/SHA256SUMS"));
        payload.forEach((name, content) -> {
            if (name.startsWith("lv1/") && !name.endsWith("pattern-1MiB.txt") && content.length > 0) {
                assertThat(sums).as(name).contains(PayloadFiles.sha256(content));
            }
        });
    }
}
