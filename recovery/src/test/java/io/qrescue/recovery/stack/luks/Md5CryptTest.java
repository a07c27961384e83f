package io.qrescue.recovery.stack.luks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MD5-crypt against `openssl passwd -1 -salt SALT PASSWORD` (outputs recorded on Debian 12, OpenSSL 3.0). */
class Md5CryptTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|YCCaQNAP|$1$YCCaQNAP$VawByKm6kn9XqJ4oKAdpA1",
            "a|YCCaQNAP|$1$YCCaQNAP$6ZpcFowX6hw7boBGUBSfW0",
            "Rescue-2026!|YCCaQNAP|$1$YCCaQNAP$bAOEe.opA2weej2y2vGx3.",
            "0123456789abcdef|YCCaQNAP|$1$YCCaQNAP$19oNb2BitHnevXR4Iwb/91",
            "0123456789abcdefg|YCCaQNAP|$1$YCCaQNAP$a.ITM5rKrCUFYyVAWwjz8/",
            "Rescue-2026!-LongerThan16|YCCaQNAP|$1$YCCaQNAP$e82Bk8WHIHs32k.3Er.Pr.",
            "pässwörd-ünïcode|YCCaQNAP|$1$YCCaQNAP$eKk7TapnETJL5aAcaUT0i1",
            "QnapBenjamin2012|YCCaQNAP|$1$YCCaQNAP$z5eCw.l3Yw1I7H2P3pll2/",
            "password|saltsalt|$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/",
            "x|ab|$1$ab$e2KlfqG5YBMTjSz7XF.Eu1"})
    void shouldMatchOpenssl(String password, String salt, String expected) {
        byte[] out = Md5Crypt.crypt(password.getBytes(StandardCharsets.UTF_8), salt);
        assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(expected);
    }
}
