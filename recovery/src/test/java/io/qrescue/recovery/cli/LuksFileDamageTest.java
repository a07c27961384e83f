package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.analysis.StackVolumeCatalog;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.luks.LuksHeaderReader;
import io.qrescue.recovery.stack.luks.LuksProbe;
import io.qrescue.recovery.stack.luks.LuksSource;
import io.qrescue.recovery.stack.luks.LuksVolume;
import io.qrescue.recovery.stack.luks.Passphrase;
import io.qrescue.recovery.stack.luks.QnapPassword;
import io.qrescue.recovery.vm.volume.EncryptedTestVolumes;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import io.qrescue.recovery.volume.VolumeLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad sector inside the encrypted payload names the file it damages, as on an unencrypted volume (extract --files
 * and analyze --files on the md10-luks fixture; needs debugfs): one bad 512-byte sector spoils exactly its
 * encryption sector, 512 bytes in LUKS1 and the whole 4 KiB sector in the LUKS2 volume with 4 KiB sectors.
 */
@Tag("integration")
class LuksFileDamageTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheFileUnderABadSectorOfTheQnapVolume() throws Exception {
        Path image = VolumeFixtures.unpack("md10-luks", "disk.img.gz", dir);
        byte[] pattern = PayloadFiles.forSeed(1).get("lv1/pattern-1MiB.txt");
        // the image sector holding file bytes 525312.. (512 KiB + 1 KiB): one LUKS1 encryption sector
        long at = imageOffsetOf(image, "vg1/lv1", passwords(EncryptedTestVolumes.LV1_PASSWORD),
                Arrays.copyOfRange(pattern, (512 << 10) + 1024, (512 << 10) + 1536));
        Path map = mapWithBad(image, at, 512);
        Path password = Files.writeString(dir.resolve("pw"), EncryptedTestVolumes.LV1_PASSWORD);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("extract",
                image.toString(), dir.resolve("lv1.img").toString(), "--volume", "vg1/lv1", "--map", map.toString(),
                "--password-file", password.toString(), "--files", dir.resolve("lv1-files").toString(), "-q");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("1 damaged ranges, 512 bytes").contains("; 1 damaged");
        assertThat(Files.readString(dir.resolve("lv1-files/damaged-files.txt"))).contains("pattern-1MiB.txt")
                .doesNotContain("hello.txt");
        String sums = Files.readString(dir.resolve("lv1-files/SHA256SUMS"));
        PayloadFiles.forSeed(1).forEach((name, content) -> {
            if (name.startsWith("lv1/") && !name.endsWith("pattern-1MiB.txt") && content.length > 0) {
                assertThat(sums).as(name).contains(PayloadFiles.sha256(content));
            }
        });

        StringWriter aout = new StringWriter();
        rc = Main.commandLine(new PrintWriter(aout, true), new PrintWriter(err, true)).execute("analyze",
                image.toString(), "--map", map.toString(), "--files", "--password-file", password.toString());
        assertThat(rc).as(err.toString()).isZero();
        String files = aout.toString().substring(aout.toString().indexOf("files:\n"));
        assertThat(files).contains("vg1/lv1: 1 damaged file(s)\n    /pattern-1MiB.txt (inode ")
                .contains("1048576 bytes): bytes 525312..525824\n")
                .contains("vg1/lv2: no damaged bytes");
    }

    @Test
    void shouldSpoilAWholeFourKibEncryptionSector() throws Exception {
        Path image = VolumeFixtures.unpack("md10-luks", "disk.img.gz", dir);
        byte[] random = PayloadFiles.forSeed(1).get("lv2/random-65537.bin");
        long at = imageOffsetOf(image, "vg1/lv4", List.of(new Passphrase(EncryptedTestVolumes.LUKS2_PASSPHRASE
                .getBytes(StandardCharsets.UTF_8), "test")), Arrays.copyOfRange(random, 8192 + 1024, 8192 + 1536));
        Path map = mapWithBad(image, at, 512);
        Path passphrase = Files.writeString(dir.resolve("pp"), EncryptedTestVolumes.LUKS2_PASSPHRASE);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("analyze",
                image.toString(), "--map", map.toString(), "--files", "--passphrase-file", passphrase.toString());
        assertThat(rc).as(err.toString()).isZero();
        String files = out.toString().substring(out.toString().indexOf("files:\n"));
        assertThat(files).contains("vg1/lv4: 1 damaged file(s)\n    /random-65537.bin (inode ")
                .contains("65537 bytes): bytes 8192..12288\n");
    }

    private static List<Passphrase> passwords(String password) {
        return QnapPassword.candidates(password.getBytes(StandardCharsets.UTF_8), "the test");
    }

    /** Where the decrypted bytes {@code needle} of {@code volume} lie on the image (found by content after decrypting). */
    private static long imageOffsetOf(Path image, String volume, List<Passphrase> keys, byte[] needle)
            throws Exception {
        try (FileImageSource src = FileImageSource.open(image)) {
            VolumeLocation v = StackVolumeCatalog.factory().open(List.of(new NamedImage("disk.img", src)))
                    .find(volume).orElseThrow();
            LuksProbe probe = LuksHeaderReader.read(v.source());
            LuksSource plain = LuksVolume.open(volume, v.source(), probe, keys).source();
            ByteBuffer all = ByteBuffer.allocate((int) plain.size());
            plain.read(0, all);
            byte[] bytes = all.array();
            for (int off = 0; off + needle.length <= bytes.length; off += 512) {
                if (Arrays.equals(bytes, off, off + needle.length, needle, 0, needle.length)) {
                    long inVolume = probe.header().payloadOffsetBytes() + off;
                    // through every layer: the volume's extents are md array offsets, the member image lies below
                    return StackAnalysis.analyze(List.of(new NamedImage("disk.img", src))).volume(volume).placements()
                            .get(0).imageOffsetOf(inVolume);
                }
            }
        }
        throw new AssertionError("needle not found in " + volume);
    }

    private Path mapWithBad(Path image, long at, long length) throws Exception {
        return LuksCommandsTest.mapWithBad(image, dir.resolve("disk.map"), at, length);
    }

}
