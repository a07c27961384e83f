package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.analysis.StackVolumeCatalog;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.luks.LuksHeader;
import io.qrescue.recovery.stack.luks.LuksHeaderReader;
import io.qrescue.recovery.stack.luks.QnapPassword;
import io.qrescue.recovery.vm.volume.EncryptedTestVolumes;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import io.qrescue.recovery.volume.VolumeLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * extract and analyze on the md10-luks fixture (LUKS made by cryptsetup in the appliance): the decrypted output is
 * what dm-crypt showed (oracle/luks-digests.txt), a wrong password writes nothing, the 16-character rule and a
 * skipped key slot are said, and no secret ever appears in what the commands print.
 */
class LuksCommandsTest {

    @TempDir
    Path dir;

    Path image;
    Path lv1Password;
    Path lv2Password;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void unpack() throws Exception {
        image = VolumeFixtures.unpack("md10-luks", "disk.img.gz", dir);
        lv1Password = Files.writeString(dir.resolve("lv1.pw"), EncryptedTestVolumes.LV1_PASSWORD + "\n");
        lv2Password = Files.writeString(dir.resolve("lv2.pw"), EncryptedTestVolumes.LV2_PASSWORD + "\n");
    }

    int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldExtractTheQnapVolumeDecryptedAsDmCryptShowsIt() throws Exception {
        Path raw = dir.resolve("lv1.raw");
        int rc = run("extract", image.toString(), raw.toString(), "--volume", "vg1/lv1", "--password-file",
                "vg1/lv1=" + lv1Password, "-q");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("vg1/lv1: LUKS1 aes-cbc-plain, 256-bit key, 2 of 8 key slots active;"
                + " opened key slot 0 with the QNAP password from " + lv1Password + " (MD5-crypt, as QTS derives it)\n");
        assertThat(sha256(raw)).isEqualTo(oracleDigest("vg1/lv1"));
        assertNoSecret();
    }

    @Test
    void shouldSayThatTheSixteenCharacterPrefixOpenedALongPassword() throws Exception {
        Path raw = dir.resolve("lv2.raw");
        int rc = run("extract", image.toString(), raw.toString(), "--volume", "vg1/lv2", "--password-file",
                lv2Password.toString(), "-q");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("opened key slot 0 with the first 16 characters of the QNAP password from "
                + lv2Password + " (older firmware used only these)");
        assertThat(sha256(raw)).isEqualTo(oracleDigest("vg1/lv2"));
        assertNoSecret();
    }

    @Test
    void shouldRefuseAWrongPasswordInOneLineAndWriteNothing() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.pw"), "Not-The-Password-2026");
        Path raw = dir.resolve("lv1.raw");
        int rc = run("extract", image.toString(), raw.toString(), "--volume", "vg1/lv1", "--password-file",
                wrong.toString());
        assertThat(rc).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).isEqualTo("qrescue: vg1/lv1: no key slot opened (10 passphrases tried on key slots"
                + " 0, 1)\n");
        assertThat(out.toString()).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("lv1.raw", "lv1.raw.map")
                    .noneMatch(n -> n.startsWith(".lv1.raw"));
        }
        assertThat(err.toString()).doesNotContain("Not-The-Password-2026");
    }

    @Test
    void shouldFallBackToTheSecondKeySlotWhenTheFirstLiesOnABadSector() throws Exception {
        long slot0 = volumeToImage("vg1/lv1", header("vg1/lv1").keySlots().get(0).areaOffsetBytes() + 4096);
        Path map = mapWithBad(slot0, 512);
        Path raw = dir.resolve("lv1.raw");
        int rc = run("extract", image.toString(), raw.toString(), "--volume", "vg1/lv1", "--map", map.toString(),
                "--password-file", lv1Password.toString(), "-q");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("opened key slot 1 with the QNAP password")
                .contains("vg1/lv1: key slot 0 skipped: its key material (volume bytes 4096..132096) lies on unreadable"
                        + " bytes (bad-sector; not healable: role 1 (missing) fails there too, " + image.getFileName()
                        + " at byte " + slot0 + ")\n")
                .contains("vg1/lv1: opened with key slot 1 instead\n").contains("no damaged bytes");
        assertThat(sha256(raw)).isEqualTo(oracleDigest("vg1/lv1"));
    }

    @Test
    void shouldShowTheLuksLayerInAnalyzeAndNameTheLostKeySlot() throws Exception {
        long slot0 = volumeToImage("vg1/lv1", header("vg1/lv1").keySlots().get(0).areaOffsetBytes() + 4096);
        Path map = mapWithBad(slot0, 512);
        int rc = run("analyze", image.toString(), "--map", map.toString(), "--password-file", "vg1/lv1=" + lv1Password,
                "--passphrase-file", "vg1/lv3=" + Files.writeString(dir.resolve("lv3.pw"),
                        EncryptedTestVolumes.LUKS2_PASSPHRASE));
        assertThat(rc).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("    LUKS1 aes-cbc-plain, 256-bit key, payload at byte 2097152, 2 of 8 key slots"
                + " active; key slots 0 (pbkdf2 sha1, 1000 iterations), 1 (pbkdf2 sha1, 1000 iterations)\n"
                + "    opened key slot 1 with the QNAP password from " + lv1Password)
                .contains("    key slot 0 skipped: its key material")
                .contains("    LUKS2 aes-xts-plain64, 512-bit key, payload at byte 1048576, 1 of 1 key slots active;"
                        + " key slots 0 (argon2id, time 4, memory 8192 KiB, 1 threads)\n    opened key slot 0 with the"
                        + " passphrase in ")
                .contains("    locked (give --password-file, --passphrase-file or --key-file to open it)")
                .contains("LOST key slot 0 key material of vg1/lv1: key slot lost (its key material is unreadable):"
                        + " the whole volume unless another key slot opens");
        assertNoSecret();
    }

    @Test
    void shouldNameALuksHeaderOnABadSectorAndNeverParseIt() throws Exception {
        // the LUKS1 phdr is volume bytes 0..592: its second sector (key slots 6 and 7) on a bad sector
        long second = volumeToImage("vg1/lv1", 512);
        Path map = mapWithBad(second, 512);
        int rc = run("analyze", image.toString(), "--map", map.toString());
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("vg1/lv1: LUKS1 header (volume bytes 0..592) is unreadable:")
                .contains("no key slot can be opened without a header backup");

        out.getBuffer().setLength(0);
        Path raw = dir.resolve("lv1.raw");
        rc = run("extract", image.toString(), raw.toString(), "--volume", "vg1/lv1", "--map", map.toString(),
                "--password-file", lv1Password.toString());
        assertThat(rc).isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(err.toString()).startsWith("qrescue: vg1/lv1: LUKS1 header (volume bytes 0..592) is unreadable");
        assertThat(raw).doesNotExist();
    }

    @Test
    void shouldSayThatAVolumeWhoseFirstSectorIsBadMayBeEncrypted() throws Exception {
        Path map = mapWithBad(volumeToImage("vg1/lv1", 0), 512);
        int rc = run("analyze", image.toString(), "--map", map.toString());
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("vg1/lv1: volume bytes 0..8 are not good (unreadable")
                .contains("whether a LUKS header is there (the volume encrypted) cannot be told");

        out.getBuffer().setLength(0);
        Path raw = dir.resolve("lv1.raw");
        rc = run("extract", image.toString(), raw.toString(), "--volume", "vg1/lv1", "--map", map.toString(),
                "--password-file", "vg1/lv1=" + lv1Password);
        assertThat(rc).as("a password was given for it: ciphertext is not handed out as its plaintext")
                .isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(err.toString()).contains("vg1/lv1: volume bytes 0..8 are not good");
        assertThat(raw).doesNotExist();
    }

    @Test
    void shouldListTheLuksHeaderAndKeyMaterialInTheMetadataDomain() throws Exception {
        Path domain = dir.resolve("meta.map");
        int rc = run("analyze", image.toString(), "--metadata-domain", domain.toString());
        assertThat(rc).as(err.toString()).isZero();
        String text = Files.readString(domain);
        long header = volumeToImage("vg1/lv1", 0);
        long slot1 = volumeToImage("vg1/lv1", header("vg1/lv1").keySlots().get(1).areaOffsetBytes());
        assertThat(inDomain(text, header)).as("LUKS1 header at image byte " + header).isTrue();
        assertThat(inDomain(text, slot1 + 100_000)).as("slot 1 key material").isTrue();
    }

    /** True when the domain mapfile's finished ('+') blocks cover {@code at}. */
    private static boolean inDomain(String mapfile, long at) {
        for (String line : mapfile.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (line.startsWith("0x") && f.length == 3 && f[2].equals("+")) {
                long pos = Long.decode(f[0]);
                if (at >= pos && at < pos + Long.decode(f[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    LuksHeader header(String volume) throws Exception {
        try (FileImageSource src = FileImageSource.open(image)) {
            VolumeLocation v = StackVolumeCatalog.factory().open(List.of(new NamedImage("disk.img", src)))
                    .find(volume).orElseThrow();
            return LuksHeaderReader.read(v.source()).header();
        }
    }

    /** Where byte {@code offset} of {@code volume} (ciphertext coordinates) lies on the image. */
    long volumeToImage(String volume, long offset) throws Exception {
        try (FileImageSource src = FileImageSource.open(image)) {
            // through every layer: the volume's extents are md array offsets, the member image is one step down
            long at = StackAnalysis.analyze(List.of(new NamedImage("disk.img", src))).volume(volume).placements().get(0)
                    .imageOffsetOf(offset);
            assertThat(at).isNotNegative();
            return at;
        }
    }

    Path mapWithBad(long at, long length) throws Exception {
        return mapWithBad(image, dir.resolve("disk.map"), at, length);
    }

    /** A mapfile {@code map} of {@code image}: all finished but {@code length} bad bytes at {@code at}. */
    static Path mapWithBad(Path image, Path map, long at, long length) throws Exception {
        long size = Files.size(image);
        Files.writeString(map, "0 + 1\n0x0 0x" + Long.toHexString(at) + " +\n0x" + Long.toHexString(at) + " 0x"
                + Long.toHexString(length) + " -\n0x" + Long.toHexString(at + length) + " 0x"
                + Long.toHexString(size - at - length) + " +\n");
        return map;
    }

    static String oracleDigest(String volume) {
        for (String line : VolumeFixtures.oracle("md10-luks", "luks-digests.txt").split("\n")) {
            if (line.startsWith(volume + " ")) {
                return line.split(" ")[2];
            }
        }
        throw new AssertionError(volume + " not in the oracle");
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** Neither a password nor its derived LUKS passphrase appears in anything printed. */
    void assertNoSecret() {
        String printed = out + "\n" + err;
        for (String secret : List.of(EncryptedTestVolumes.LV1_PASSWORD, EncryptedTestVolumes.LV2_PASSWORD,
                EncryptedTestVolumes.LUKS2_PASSPHRASE)) {
            assertThat(printed).doesNotContain(secret).doesNotContain(new String(QnapPassword.passphrase(
                    secret.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII));
        }
        assertThat(printed).doesNotContain("$1$YCCaQNAP$");
    }
}
