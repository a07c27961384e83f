package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.TestAppliance;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue extract} then {@code qrescue appliance digests --verify} on the tier fixture (stock rewrite in the
 * VM): the extracted snapshot is verified; a copy of lv2 with one byte changed is named with the chunk's offset.
 */
@Tag("integration")
class VolumeDigestsCommandIT {
    @TempDir
    Path dir;

    @Test
    void shouldVerifyAnExtractedVolumeAndNameTheChunkOfAChangedOne() throws Exception {
        Path image = VolumeFixtures.unpack("md10-tier", "disk.img.gz", dir);
        String before = ImageChecksums.sha256(image);
        Path snap = dir.resolve("snap.img");
        Path lv2 = dir.resolve("lv2.img");
        assertThat(run("extract", image.toString(), snap.toString(), "--volume", "vg1/snap10001", "-q")).isZero();
        assertThat(run("extract", image.toString(), lv2.toString(), "--volume", "vg1/lv2", "-q")).isZero();
        try (RandomAccessFile f = new RandomAccessFile(lv2.toFile(), "rw")) {
            long at = (5L << 20) + 1234;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("appliance",
                "digests", "--accel", "tcg", "--cache", TestAppliance.cacheDir().toString(), image.toString(),
                "--verify", "vg1/snap10001=" + snap, "--verify", "vg1/lv2=" + lv2);
        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(out.toString())
                .contains("VG vg1: stock lvm would refuse it")
                .containsPattern("[0-9a-f]{64}  vg1/lv1  67108864 bytes")
                .containsPattern("[0-9a-f]{64}  vg1/snap10001  67108864 bytes")
                .contains("verified: " + snap + " is byte-identical to vg1/snap10001 as the recovery VM sees it "
                        + "(64 chunks of 1048576 bytes)")
                .contains("DIFFERS: " + lv2 + " is not vg1/lv2 as the recovery VM sees it, in bytes it hands out as "
                        + "good:")
                .containsPattern("vg1/lv2: chunk at offset 5242880 \\(0x500000, 1048576 bytes\\) differs: [0-9a-f]{64} "
                        + "in the VM, [0-9a-f]{64} in " + java.util.regex.Pattern.quote(lv2.toString()));
        assertThat(out.toString()).doesNotContain("FAILED");
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
    }

    private static int run(String... args) {
        return Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true))
                .execute(args);
    }
}
