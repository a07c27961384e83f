package io.qrescue.recovery.stack.luks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QNAP's password rules, its key file (format inferred), and the secret files LuksKeys reads. */
class QnapSecretsTest {

    @TempDir
    Path dir;

    @Test
    void shouldTryThePasswordThenItsSixteenCharacterAndShorterPrefixes() {
        List<Passphrase> c = QnapPassword.candidates("0123456789abcdefXYZ".getBytes(StandardCharsets.UTF_8), "f");
        assertThat(c).hasSize(10);
        assertThat(c.get(0).rule()).isEqualTo("the QNAP password from f (MD5-crypt, as QTS derives it)");
        assertThat(c.get(1).rule()).startsWith("the first 16 characters");
        assertThat(new String(c.get(1).bytes(), StandardCharsets.US_ASCII)).isEqualTo(new String(Md5Crypt.crypt(
                "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "YCCaQNAP"), StandardCharsets.US_ASCII));
        assertThat(c.get(9).rule()).startsWith("the first 8 characters");
        assertThat(QnapPassword.candidates("Short-12".getBytes(StandardCharsets.UTF_8), "f")).hasSize(1);
    }

    @Test
    void shouldDecodeTheKeyFileLayout() throws Exception {
        for (String password : List.of("Rescue-2026!", "x".repeat(28), "y".repeat(29) + "-longer-than-28")) {
            byte[] file = QnapKeyFile.encode(password.getBytes(StandardCharsets.UTF_8), (byte) 'q');
            assertThat(file.length).isEqualTo(password.length() > 28 ? 512 : 256);
            assertThat(new String(QnapKeyFile.decode(file), StandardCharsets.UTF_8)).isEqualTo(password);
        }
        assertThatThrownBy(() -> QnapKeyFile.decode(new byte[100])).hasMessage("a QNAP key file has 256 or 512"
                + " characters, this one 100 (" + QnapKeyFile.INFERRED + ")");
        Path keyFile = Files.write(dir.resolve("vol.key"), QnapKeyFile.encode("Rescue-2026!".getBytes(
                StandardCharsets.UTF_8), (byte) 'z'));
        List<Passphrase> c = new LuksKeys().addFile(null, LuksKeys.Kind.QNAP_KEY_FILE, keyFile).candidates("vg1/lv1");
        assertThat(c.get(0).rule()).contains("the QNAP key file " + keyFile).contains("format inferred");
        assertThat(new String(c.get(0).bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("$1$YCCaQNAP$bAOEe.opA2weej2y2vGx3.");
    }

    @Test
    void shouldGiveVolumeSecretsFirstAndTryAPassphraseWithoutItsLineEnd() throws Exception {
        Path pp = Files.writeString(dir.resolve("pp"), "secret\n");
        Path pw = Files.writeString(dir.resolve("pw"), "Password-1\r\n");
        LuksKeys keys = new LuksKeys().addFile(null, LuksKeys.Kind.PASSPHRASE, pp)
                .addFile("vg1/lv2", LuksKeys.Kind.QNAP_PASSWORD, pw);
        assertThat(keys.candidates("vg1/lv1")).extracting(Passphrase::rule).containsExactly("the passphrase in " + pp,
                "the passphrase in " + pp + " without its final line end");
        assertThat(keys.candidates("vg1/lv2")).hasSize(5); // as given, 9 and 8 characters, then the passphrase twice
        assertThat(new String(keys.candidates("vg1/lv2").get(0).bytes(), StandardCharsets.US_ASCII))
                .isEqualTo(new String(QnapPassword.passphrase("Password-1".getBytes(StandardCharsets.US_ASCII)),
                        StandardCharsets.US_ASCII));
        assertThat(keys.candidates("vg1/lv1").get(1).bytes()).isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
        assertThat(keys.toString() + keys.candidates("vg1/lv2")).doesNotContain("Password-1").doesNotContain("secret");
    }
}
