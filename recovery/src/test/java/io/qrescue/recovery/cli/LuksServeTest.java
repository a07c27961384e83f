package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.testing.ToolRun;
import io.qrescue.recovery.vm.rescue.BootRescue;
import io.qrescue.recovery.vm.volume.EncryptedTestVolumes;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volumes {@code serve} and {@code boot --volume} hand out (ServedVolumes) are decrypted: libnbd's nbdcopy reads
 * the LUKS2 xts/argon2id and the QNAP LUKS1 volumes of md10-luks over NBD byte for byte as dm-crypt showed them
 * (oracle/luks-digests.txt).
 */
@Tag("integration")
class LuksServeTest {

    @TempDir
    Path dir;

    @Test
    void shouldServeEncryptedVolumesDecrypted() throws Exception {
        Path image = VolumeFixtures.unpack("md10-luks", "disk.img.gz", dir);
        UnlockOptions unlock = new UnlockOptions();
        unlock.passphraseFiles.add("vg1/lv3=" + Files.writeString(dir.resolve("lv3.pp"),
                EncryptedTestVolumes.LUKS2_PASSPHRASE));
        unlock.passwordFiles.add("vg1/lv1=" + Files.writeString(dir.resolve("lv1.pw"),
                EncryptedTestVolumes.LV1_PASSWORD));
        try (ServedVolumes served = ServedVolumes.serve(List.of(image), List.of(), List.of("vg1/lv3", "vg1/lv1"),
                VolumeCatalogs.stackScanner(), unlock)) {
            assertThat(served.luksLines()).anyMatch(l -> l.startsWith("vg1/lv3: LUKS2 aes-xts-plain64"))
                    .anyMatch(l -> l.startsWith("vg1/lv1: LUKS1 aes-cbc-plain"));
            for (BootRescue.ServedVolume v : served.served()) {
                Path copy = dir.resolve(v.name().replace('/', '-') + ".raw");
                ToolRun run = ToolRun.run(dir, "nbdcopy", "nbd+unix:///?socket=" + v.socket(), copy.toString());
                assertThat(run.exit()).as(run.output()).isZero();
                assertThat(LuksCommandsTest.sha256(copy)).as(v.name())
                        .isEqualTo(LuksCommandsTest.oracleDigest(v.name()));
            }
        }
    }
}
