package io.qrescue.recovery.stack.luks;

import static io.qrescue.recovery.stack.luks.LuksFixtures.LONG_PASSWORD;
import static io.qrescue.recovery.stack.luks.LuksFixtures.LUKS2;
import static io.qrescue.recovery.stack.luks.LuksFixtures.QNAP_PASSWORD;
import static io.qrescue.recovery.stack.luks.LuksFixtures.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.ImageSource;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Unlocking the header fixtures cryptsetup made: the right passphrase opens the slot cryptsetup wrote (so PBKDF2,
 * argon2, the key-material ciphers over hundreds of sectors, AF-merge and the digest all agree with cryptsetup),
 * and the master key cryptsetup dumped passes our digest check.
 */
class LuksUnlockerTest {

    @ParameterizedTest
    @CsvSource({
            "luks1-cbc-plain-sha1, 1, aes-cbc-plain, 0",
            "luks1-cbc-essiv-sha256, 1, aes-cbc-essiv:sha256, 0",
            "luks1-cbc-plain64-sha512, 1, aes-cbc-plain64, 0",
            "luks1-xts-plain64-sha256, 1, aes-xts-plain64, 0",
            "luks2-xts-argon2id, 2, aes-xts-plain64, 0",
            "luks2-cbc-essiv-argon2i-4k, 2, aes-cbc-essiv:sha256, 0",
            "luks2-xts-pbkdf2-sha256, 2, aes-xts-plain64, 0"})
    void shouldOpenEveryFixtureWithItsPassphraseAndAcceptCryptsetupsMasterKey(String name, int version, String cipher,
            int slot) throws Exception {
        ImageSource volume = new ByteArraySource(LuksFixtures.image(name));
        LuksProbe probe = LuksHeaderReader.read(volume);
        assertThat(probe.found()).isTrue();
        assertThat(probe.problem()).isNull();
        LuksHeader header = probe.header();
        assertThat(header.version()).isEqualTo(version);
        assertThat(header.cipher()).isEqualTo(cipher);
        byte[] oracleKey = HexFormat.of().parseHex(LuksFixtures.masterKeyHex(name));
        assertThat(header.keyBytes()).isEqualTo(oracleKey.length);
        assertThat(header.digest().matches(oracleKey)).as("cryptsetup's master key passes the digest").isTrue();
        oracleKey[0] ^= 1;
        assertThat(header.digest().matches(oracleKey)).isFalse();

        LuksUnlocker.Opened opened = LuksUnlocker.unlock("v", volume, header, passphrasesFor(name));
        assertThat(opened.keySlot()).isEqualTo(slot);
        assertThat(opened.source().size()).isEqualTo(volume.size() - header.payloadOffsetBytes());
    }

    private static List<Passphrase> passphrasesFor(String name) {
        if (name.equals("luks1-cbc-plain-sha1")) {
            return QnapPassword.candidates(QNAP_PASSWORD.getBytes(StandardCharsets.UTF_8), "a test");
        }
        if (name.equals("luks1-cbc-essiv-sha256")) {
            return QnapPassword.candidates(LONG_PASSWORD.getBytes(StandardCharsets.UTF_8), "a test");
        }
        return LuksFixtures.raw(name.startsWith("luks2") ? LUKS2 : SECOND);
    }

    @Test
    void shouldSayWhichRuleOpenedALongPasswordsSixteenCharacterPrefix() throws Exception {
        ImageSource volume = new ByteArraySource(LuksFixtures.image("luks1-cbc-essiv-sha256"));
        LuksHeader header = LuksHeaderReader.read(volume).header();
        LuksUnlocker.Opened opened = LuksUnlocker.unlock("vg1/lv2", volume, header,
                QnapPassword.candidates(LONG_PASSWORD.getBytes(StandardCharsets.UTF_8), "--password-file"));
        assertThat(opened.rule()).contains("first 16 characters").contains("older firmware");
        assertThat(opened.notes()).isEmpty();
    }

    @Test
    void shouldOpenTheQnapVolumeWithThePasswordAsGivenFirst() throws Exception {
        ImageSource volume = new ByteArraySource(LuksFixtures.image("luks1-cbc-plain-sha1"));
        LuksHeader header = LuksHeaderReader.read(volume).header();
        LuksUnlocker.Opened opened = LuksUnlocker.unlock("vg1/lv1", volume, header,
                QnapPassword.candidates(QNAP_PASSWORD.getBytes(StandardCharsets.UTF_8), "--password-file"));
        assertThat(opened.keySlot()).isZero();
        assertThat(opened.rule()).startsWith("the QNAP password from --password-file");
    }

    @Test
    void shouldSayNoKeySlotOpenedForAWrongPasswordWithoutShowingIt() throws Exception {
        ImageSource volume = new ByteArraySource(LuksFixtures.image("luks1-cbc-plain-sha1"));
        LuksHeader header = LuksHeaderReader.read(volume).header();
        String wrong = "Wrong-Password-99";
        List<Passphrase> candidates = QnapPassword.candidates(wrong.getBytes(StandardCharsets.UTF_8), "--password-file");
        assertThatThrownBy(() -> LuksUnlocker.unlock("vg1/lv1", volume, header, candidates))
                .isInstanceOf(LuksUnlockException.class)
                .hasMessageStartingWith("no key slot opened (10 passphrases tried on key slots 0, 1)")
                .satisfies(e -> assertNoSecret(e.getMessage() + e, wrong));
        assertThat(candidates.toString()).doesNotContain(wrong).doesNotContain("$1$YCCaQNAP$");
    }

    @Test
    void shouldFallBackToAnotherSlotWhenTheFirstSlotsKeyMaterialIsOnABadSector() throws Exception {
        ImageSource clean = new ByteArraySource(LuksFixtures.image("luks1-cbc-plain-sha1"));
        LuksHeader header = LuksHeaderReader.read(clean).header();
        LuksKeySlot slot0 = header.keySlots().get(0);
        long bad = slot0.areaOffsetBytes() + 100 * 512;
        ImageSource damaged = LuksFixtures.withBadRange("luks1-cbc-plain-sha1", bad, bad + 512);
        LuksUnlocker.Opened opened = LuksUnlocker.unlock("vg1/lv1", damaged, LuksHeaderReader.read(damaged).header(),
                QnapPassword.candidates(QNAP_PASSWORD.getBytes(StandardCharsets.UTF_8), "--password-file"));
        assertThat(opened.keySlot()).isEqualTo(1);
        assertThat(opened.notes()).hasSize(2);
        assertThat(opened.notes().get(0)).startsWith("key slot 0 skipped: its key material (volume bytes 4096..132096)"
                + " lies on unreadable bytes (bad-sector, luks1-cbc-plain-sha1.img at byte " + bad + ")");
        assertThat(opened.notes().get(1)).isEqualTo("opened with key slot 1 instead");
    }

    @Test
    void shouldNameTheDamagedSlotWhenNoOtherSlotOpens() {
        ImageSource clean = new ByteArraySource(LuksFixtures.image("luks1-cbc-essiv-sha256"));
        LuksKeySlot slot0 = LuksHeaderReader.read(clean).header().keySlots().get(0);
        ImageSource damaged = LuksFixtures.withBadRange("luks1-cbc-essiv-sha256", slot0.areaOffsetBytes(),
                slot0.areaOffsetBytes() + 512);
        LuksHeader header = LuksHeaderReader.read(damaged).header();
        assertThatThrownBy(() -> LuksUnlocker.unlock("vg1/lv2", damaged, header,
                QnapPassword.candidates(LONG_PASSWORD.getBytes(StandardCharsets.UTF_8), "--password-file")))
                .isInstanceOf(LuksUnlockException.class)
                .hasMessageStartingWith("no key slot opened: key slot 0 skipped: its key material");
    }

    @Test
    void shouldOpenTheSecondLuks2SlotWithItsOwnPassphrase() throws Exception {
        ImageSource volume = new ByteArraySource(LuksFixtures.image("luks2-xts-argon2id"));
        LuksHeader header = LuksHeaderReader.read(volume).header();
        assertThat(header.keySlots()).extracting(s -> s.kdf().describe())
                .containsExactly("argon2id, time 4, memory 8192 KiB, 1 threads", "pbkdf2 sha256, 1000 iterations");
        LuksUnlocker.Opened opened = LuksUnlocker.unlock("v", volume, header, LuksFixtures.raw("nope", SECOND));
        assertThat(opened.keySlot()).isEqualTo(1);
    }

    static void assertNoSecret(String text, String password) {
        assertThat(text).doesNotContain(password).doesNotContain(new String(QnapPassword.passphrase(
                password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII));
    }
}
