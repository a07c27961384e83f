package io.qrescue.recovery.stack.luks;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The LUKS2 copy choice (cryptsetup's rule) and the reader's answers to damaged or foreign bytes. */
class LuksHeaderReaderTest {

    private static final String NAME = "luks2-xts-pbkdf2-sha256";

    @Test
    void shouldUseTheSecondaryWhenThePrimaryFailsItsChecksum() throws Exception {
        byte[] v = LuksFixtures.image(NAME);
        v[4096 + 10] ^= 1; // a JSON byte of the primary
        LuksProbe probe = LuksHeaderReader.read(new ByteArraySource(v));
        assertThat(probe.header()).isNotNull();
        assertThat(probe.notes()).containsExactly("LUKS2 primary header fails its checksum; using the secondary at byte"
                + " 16384");
        LuksUnlocker.unlock("v", new ByteArraySource(v), probe.header(), LuksFixtures.raw(LuksFixtures.LUKS2));
    }

    @Test
    void shouldUseTheNewerCopyAsCryptsetupDoes() throws Exception {
        byte[] v = LuksFixtures.image(NAME);
        ByteBuffer.wrap(v).putLong(16384 + 16, 99); // secondary seqid
        rechecksum(v, 16384, 16384);
        LuksProbe probe = LuksHeaderReader.read(new ByteArraySource(v));
        assertThat(probe.notes()).containsExactly("LUKS2 primary header is older (seqid 3 < 99); using the secondary at"
                + " byte 16384");
        ByteBuffer.wrap(v).putLong(16384 + 16, 0);
        rechecksum(v, 16384, 16384);
        assertThat(LuksHeaderReader.read(new ByteArraySource(v)).notes()).containsExactly("LUKS2 secondary header is"
                + " older (seqid 0 < 3); using the primary");
    }

    @Test
    void shouldSayNoHeaderCanBeReadWhenBothCopiesAreBad() {
        byte[] v = LuksFixtures.image(NAME);
        v[4096 + 10] ^= 1;
        v[16384 + 4096 + 10] ^= 1;
        LuksProbe probe = LuksHeaderReader.read(new ByteArraySource(v));
        assertThat(probe.found()).isTrue();
        assertThat(probe.header()).isNull();
        assertThat(probe.problem()).isEqualTo("LUKS2 primary header fails its checksum; secondary header fails its"
                + " checksum: no key slot can be opened without a header backup");
    }

    @Test
    void shouldFindALuks2VolumeByItsSecondaryWhenTheFirstSectorIsUnreadable() {
        var damaged = LuksFixtures.withBadRange(NAME, 0, 512);
        LuksProbe probe = LuksHeaderReader.read(damaged);
        assertThat(probe.header()).isNotNull();
        assertThat(probe.notes().get(0)).startsWith("LUKS2 primary header its first bytes are unreadable; using the"
                + " secondary");
    }

    @Test
    void shouldSayALuks1HeaderOnABadSectorCannotBeOpened() {
        var damaged = LuksFixtures.withBadRange("luks1-cbc-plain-sha1", 512, 1024);
        LuksProbe probe = LuksHeaderReader.read(damaged);
        assertThat(probe.found()).isTrue();
        assertThat(probe.problem()).startsWith("LUKS1 header (volume bytes 0..592) is unreadable: ")
                .endsWith("no key slot can be opened without a header backup");
    }

    @Test
    void shouldFindNothingOnOtherBytes() {
        assertThat(LuksHeaderReader.read(new ByteArraySource(new byte[1 << 20])).found()).isFalse();
        byte[] notLuks = "LUKS is a word here".getBytes(StandardCharsets.US_ASCII);
        assertThat(LuksHeaderReader.read(new ByteArraySource(Arrays.copyOf(notLuks, 8192))).found()).isFalse();
    }

    @Test
    void shouldNameAnUnsupportedCipher() throws Exception {
        byte[] v = LuksFixtures.image("luks1-cbc-plain64-sha512");
        byte[] serpent = Arrays.copyOf("serpent".getBytes(StandardCharsets.US_ASCII), 32);
        System.arraycopy(serpent, 0, v, 8, 32);
        LuksHeader h = LuksHeaderReader.read(new ByteArraySource(v)).header();
        assertThat(h.cipherProblem()).isEqualTo("cipher serpent-cbc-plain64 is not supported (qrescue decrypts "
                + CipherSpec.SUPPORTED + ")");
    }

    private static void rechecksum(byte[] v, int offset, int hdrSize) throws Exception {
        byte[] copy = Arrays.copyOfRange(v, offset, offset + hdrSize);
        Arrays.fill(copy, 448, 448 + 64, (byte) 0);
        byte[] sum = MessageDigest.getInstance("SHA-256").digest(copy);
        Arrays.fill(v, offset + 448, offset + 448 + 64, (byte) 0);
        System.arraycopy(sum, 0, v, offset + 448, 32);
    }
}
