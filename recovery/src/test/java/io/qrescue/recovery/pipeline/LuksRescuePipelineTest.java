package io.qrescue.recovery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.stack.luks.LuksKeys;
import io.qrescue.recovery.vm.volume.EncryptedTestVolumes;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue rescue} on the md10-luks fixture: the LUKS headers and key material are imaged with the metadata,
 * before the whole disk; the volumes whose secrets are given come out decrypted as dm-crypt showed them, with
 * their files; the one without a secret is kept as stored, and says so.
 */
@Tag("integration")
class LuksRescuePipelineTest {

    @TempDir
    Path dir;

    @Test
    void shouldImageTheLuksHeadersFirstAndDecryptTheVolumesWithKeys() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-luks", "disk.img.gz", dir);
        Path work = dir.resolve("job");
        List<List<StatusBlock>> domains = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        LuksKeys keys = new LuksKeys()
                .addFile("vg1/lv1", LuksKeys.Kind.QNAP_PASSWORD, Files.writeString(dir.resolve("pw1"),
                        EncryptedTestVolumes.LV1_PASSWORD))
                .addFile("vg1/lv2", LuksKeys.Kind.QNAP_PASSWORD, Files.writeString(dir.resolve("pw2"),
                        EncryptedTestVolumes.LV2_PASSWORD))
                .addFile("vg1/lv3", LuksKeys.Kind.PASSPHRASE, Files.writeString(dir.resolve("pp"),
                        EncryptedTestVolumes.LUKS2_PASSPHRASE));
        PipelineResult result = new RescuePipeline(new PipelineOptions(disk, work, 0, 0, 6, TestImaging.QUIET,
                QrescueOptions.NONE), request -> {
            if (TestImaging.restricted(request)) {
                try {
                    domains.add(MapfileReader.read(Path.of(request.options().domainMapfile().get()), null).blocks()
                            .toList());
                } catch (io.qrescue.mapfile.MapfileException e) {
                    throw new AssertionError(e);
                }
            }
            return TestImaging.real().image(request);
        }, new PipelineListener() {
            @Override
            public void stage(String name, String what, boolean skipped) {
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        }).withLuksKeys(keys).run();
        assertThat(result.exitCode()).isZero();

        // image offsets through every layer (the placement's own extents are md array offsets)
        long lv1Header = result.analysis().volume("vg1/lv1").placements().get(0).imageOffsetOf(0);
        assertThat(domains).as("a metadata round covers vg1/lv1's LUKS header")
                .anySatisfy(d -> assertThat(d).anyMatch(b -> b.status() == BlockStatus.FINISHED
                        && b.pos() <= lv1Header && lv1Header + 592 <= b.pos() + b.size()));
        // key slot 1's key material (volume bytes 135168..263168), found by reading the header in an earlier round
        long slot1Byte = result.analysis().volume("vg1/lv1").placements().get(0).imageOffsetOf(200_000);
        assertThat(domains).as("a metadata round covers vg1/lv1's key slot 1")
                .anySatisfy(d -> assertThat(d).anyMatch(b -> b.status() == BlockStatus.FINISHED
                        && b.pos() <= slot1Byte && slot1Byte < b.pos() + b.size()));

        for (String lv : List.of("lv1", "lv2", "lv3")) {
            assertThat(sha256(work.resolve("volumes/vg1-" + lv + ".img"))).as(lv).isEqualTo(oracle("vg1/" + lv));
        }
        // every file back with the sha256 the guest computed on the volume dm-crypt opened and the kernel mounted
        for (String lv : List.of("lv1", "lv2", "lv3")) {
            List<String> copied = Files.readAllLines(work.resolve("files/vg1-" + lv + "/SHA256SUMS"));
            for (String line : VolumeFixtures.oracle("md10-luks", "guest-" + lv + ".sha256").split("\n")) {
                String hash = line.substring(0, 64);
                String path = line.substring(64).trim().replaceFirst("^\\./", "");
                assertThat(copied).as(lv + " " + path).anyMatch(c -> c.startsWith(hash) && c.endsWith(path));
            }
        }
        String sums = Files.readString(work.resolve("files/vg1-lv1/SHA256SUMS"));
        PayloadFiles.forSeed(1).forEach((name, content) -> {
            if (name.startsWith("lv1/") && content.length > 0) {
                assertThat(sums).as(name).contains(PayloadFiles.sha256(content));
            }
        });
        assertThat(notes).contains("vg1/lv2: LUKS1 aes-cbc-essiv:sha256, 256-bit key, payload at byte 2097152, 1 of"
                + " 8 key slots active; opened key slot 0 with the first 16 characters of the QNAP password from "
                + dir.resolve("pw2") + " (older firmware used only these)");
        assertThat(notes).anyMatch(n -> n.startsWith("vg1/lv4: encrypted (LUKS2 aes-cbc-plain64") && n.contains(
                "no key given: extracted as stored (ciphertext)"));
        // the report says which volumes were decrypted, with which rule, and which stay as stored, and why
        assertThat(result.report().notes()).anyMatch(n -> n.startsWith("vg1/lv2: decrypted: LUKS1 aes-cbc-essiv:sha256")
                && n.contains("the first 16 characters of the QNAP password"));
        assertThat(result.report().notes()).anyMatch(n -> n.startsWith("vg1/lv4: encrypted (LUKS2 aes-cbc-plain64")
                && n.contains("no key given") && n.endsWith("vg1-lv4.img holds it as stored"));
        assertThat(result.volumes()).filteredOn(o -> o.name().equals("vg1/lv4")).singleElement()
                .satisfies(o -> assertThat(o.problem()).isEqualTo("encrypted, not opened"));
        assertThat(String.join("\n", result.report().notes())).doesNotContain(EncryptedTestVolumes.LV2_PASSWORD);
        assertThat(String.join("\n", notes)).doesNotContain(EncryptedTestVolumes.LV1_PASSWORD)
                .doesNotContain(EncryptedTestVolumes.LUKS2_PASSPHRASE);
    }

    private static String oracle(String volume) {
        for (String line : VolumeFixtures.oracle("md10-luks", "luks-digests.txt").split("\n")) {
            if (line.startsWith(volume + " ")) {
                return line.split(" ")[2];
            }
        }
        throw new AssertionError(volume);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
