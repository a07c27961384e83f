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

/**
 * {@code qrescue extract --files DIR} and {@code qrescue analyze --files} on a fixture whose pattern file has one
 * unreadable 4 KiB block (needs debugfs).
 */
@Tag("integration")
class FileDamageCommandsTest {

    @TempDir
    Path dir;

    @Test
    void shouldCopyEveryFileAndNameTheOneOnAnUnreadableSector() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Path map = mapWithABadPatternBlock(image);
        Map<String, byte[]> payload = PayloadFiles.forSeed(1);

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

    /** A mapfile of {@code image} marking bad the 4 KiB at byte 512 KiB of lv1/pattern-1MiB.txt, found by content. */
    private Path mapWithABadPatternBlock(Path image) throws Exception {
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

        return map;
    }

    @Test
    void shouldNameTheDamagedFileAndItsByteRangeInAnalyze() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Path map = mapWithABadPatternBlock(image);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("analyze",
                image.toString(), "--map", map.toString(), "--files");
        assertThat(rc).as(err.toString()).isZero();
        String files = out.toString().substring(out.toString().indexOf("files:\n"));
        assertThat(files).contains("vg1/lv1: 1 damaged file(s)\n    /pattern-1MiB.txt (inode ")
                .contains("1048576 bytes): bytes 524288..528384\n").contains("vg1/lv2: no damaged bytes");
    }
}
