package io.qrescue.recovery.stack.luks;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * LuksSource against a plain reference model (one javax.crypto call per sector, or per block for XTS, IVs built
 * byte by byte as dm-crypt documents them), over seeded random keys, data and read windows, small reads and the
 * parallel path; and its damage: runs below widened to whole encryption sectors.
 */
class LuksSourceTest {

    @ParameterizedTest
    @CsvSource({"aes-cbc-plain, 32, 512", "aes-cbc-plain64, 16, 512", "aes-cbc-essiv:sha256, 32, 512",
            "aes-cbc-plain64, 24, 4096", "aes-xts-plain64, 64, 512", "aes-xts-plain64, 32, 4096",
            "aes-xts-plain, 64, 512", "aes-cbc-plain64be, 32, 512"})
    void shouldDecryptAsTheReferenceModelForAnyWindow(String cipher, int keyBytes, int sectorBytes) throws Exception {
        Random random = new Random(cipher.hashCode() * 31L + keyBytes + sectorBytes);
        byte[] key = new byte[keyBytes];
        random.nextBytes(key);
        long payloadOffset = 4096;
        byte[] volume = new byte[(int) payloadOffset + 48 * 4096];
        random.nextBytes(volume);
        long ivTweak = sectorBytes == 4096 ? 8 : 0;
        LuksSource plain = new LuksSource("v", new ByteArraySource(volume), header(cipher, keyBytes, payloadOffset,
                sectorBytes, ivTweak), key);
        byte[] expected = reference(cipher, key, volume, (int) payloadOffset, sectorBytes, ivTweak);
        assertThat(plain.size()).isEqualTo(expected.length);
        ByteBuffer all = ByteBuffer.allocate(expected.length);
        assertThat(plain.read(0, all)).isEqualTo(expected.length);
        assertThat(all.array()).as("one read of everything (parallel pieces)").isEqualTo(expected);
        for (int i = 0; i < 200; i++) {
            int from = random.nextInt(expected.length);
            int length = 1 + random.nextInt(Math.min(expected.length - from, i % 10 == 0 ? 200_000 : 3000));
            ByteBuffer dst = random.nextBoolean() ? ByteBuffer.allocate(length) : ByteBuffer.allocateDirect(length);
            assertThat(plain.read(from, dst)).isEqualTo(length);
            byte[] got = new byte[length];
            dst.flip().get(got);
            assertThat(got).as("bytes " + from + "+" + length).isEqualTo(Arrays.copyOfRange(expected, from,
                    from + length));
        }
        assertThat(plain.read(expected.length, ByteBuffer.allocate(10))).isZero();
    }

    @Test
    void shouldWidenDamageBelowToWholeEncryptionSectors() throws Exception {
        byte[] volume = new byte[8192 + 16 * 4096];
        ImageSource damaged = RescuedImage.of("disk.img", new ByteArraySource(volume), readability(volume.length,
                8192 + 4096 + 100, 10, 8192 + 4 * 4096 + 4000, 200, 8192 + 9 * 4096, 2 * 4096));
        LuksSource plain = new LuksSource("v", damaged, header("aes-xts-plain64", 64, 8192, 4096, 0), new byte[64]);
        List<Damage> damage = plain.damageIn(0, plain.size());
        assertThat(damage).extracting(Damage::offset, Damage::length).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4096L, 4096L), org.assertj.core.groups.Tuple.tuple(4 * 4096L,
                        2 * 4096L), org.assertj.core.groups.Tuple.tuple(9 * 4096L, 2 * 4096L));
        assertThat(damage.get(0).kind()).isEqualTo(DamageKind.UNREADABLE);
        assertThat(damage.get(0).origin().offset()).as("the widened run's first byte on the image")
                .isEqualTo(8192 + 4096);
        assertThat(plain.damageIn(4096 + 4000, 10)).extracting(Damage::offset, Damage::length)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4096L + 4000, 10L));
        assertThat(plain.damageIn(0, 4096)).isEmpty();
        assertThat(plain.damagedBytes()).isEqualTo(5 * 4096);
    }

    @Test
    void shouldCarryDoubtsBelowUpAsUnknownWholeSectorsAndNeverHeaderBytesOnThem() throws Exception {
        byte[] volume = new byte[8192 + 8 * 512];
        // the stack cannot vouch for volume bytes 8192+600..8192+700 (e.g. a thin mapping on a bad leaf)
        MappedSource doubted = new MappedSource(new ByteArraySource(volume), ExtentMap.linear(volume.length),
                List.of(Damage.unknown(8192 + 600, 100, "thin mapping unknown")));
        LuksSource plain = new LuksSource("v", doubted, header("aes-cbc-plain64", 32, 8192, 512, 0), new byte[32]);
        List<Damage> damage = plain.damageIn(0, plain.size());
        assertThat(damage).extracting(Damage::offset, Damage::length, Damage::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(512L, 512L, DamageKind.UNKNOWN));
        assertThat(damage.get(0).cause()).isEqualTo("thin mapping unknown");

        // a LUKS header on bytes of unknown provenance is not parsed: that the volume may be encrypted is said
        MappedSource headerInDoubt = new MappedSource(new ByteArraySource(volume), ExtentMap.linear(volume.length),
                List.of(Damage.unknown(0, 4096, "VG metadata in doubt")));
        LuksProbe probe = LuksHeaderReader.read(headerInDoubt);
        assertThat(probe.found()).isFalse();
        assertThat(probe.problem()).startsWith("volume bytes 0..8 are not good (unknown: VG metadata in doubt)");
        assertThat(LuksHeaderReader.read(new ByteArraySource(volume)).problem()).as("zeros, all good").isNull();
    }

    private static Readability readability(long size, long... badPairs) {
        List<StatusBlock> blocks = new ArrayList<>();
        long cursor = 0;
        for (int i = 0; i < badPairs.length; i += 2) {
            blocks.add(new StatusBlock(cursor, badPairs[i] - cursor, BlockStatus.FINISHED));
            blocks.add(new StatusBlock(badPairs[i], badPairs[i + 1], BlockStatus.BAD_SECTOR));
            cursor = badPairs[i] + badPairs[i + 1];
        }
        blocks.add(new StatusBlock(cursor, size - cursor, BlockStatus.FINISHED));
        return Readability.of(BlockMap.of(BlockMap.compacted(blocks)));
    }

    static LuksHeader header(String cipher, int keyBytes, long payloadOffset, int sectorBytes, long ivTweak) {
        return new LuksHeader(2, "", "", cipher, "sha256", keyBytes, payloadOffset, -1, sectorBytes, ivTweak, null,
                List.of(), List.of(), null);
    }

    /** The payload decrypted the slow, obvious way. */
    private static byte[] reference(String cipher, byte[] key, byte[] volume, int payloadOffset, int sectorBytes,
            long ivTweak) throws Exception {
        byte[] out = new byte[volume.length - payloadOffset];
        String[] parts = cipher.split("-", 3);
        for (int s = 0; s < out.length / sectorBytes; s++) {
            long ivSector = ivTweak + (long) s * sectorBytes / 512;
            byte[] iv = new byte[16];
            String ivMode = parts[2];
            if (ivMode.equals("plain")) {
                long n = ivSector & 0xFFFFFFFFL;
                for (int i = 0; i < 4; i++) {
                    iv[i] = (byte) (n >>> (8 * i));
                }
            } else if (ivMode.equals("plain64be")) {
                for (int i = 0; i < 8; i++) {
                    iv[15 - i] = (byte) (ivSector >>> (8 * i));
                }
            } else {
                for (int i = 0; i < 8; i++) {
                    iv[i] = (byte) (ivSector >>> (8 * i));
                }
            }
            if (ivMode.startsWith("essiv")) {
                Cipher essiv = Cipher.getInstance("AES/ECB/NoPadding");
                essiv.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(key),
                        "AES"));
                iv = essiv.doFinal(iv);
            }
            int at = payloadOffset + s * sectorBytes;
            byte[] sector = Arrays.copyOfRange(volume, at, at + sectorBytes);
            byte[] plain;
            if (parts[1].equals("cbc")) {
                Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
                cbc.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                plain = cbc.doFinal(sector);
            } else {
                plain = xtsDecrypt(key, iv, sector);
            }
            System.arraycopy(plain, 0, out, s * sectorBytes, sectorBytes);
        }
        return out;
    }

    /** IEEE 1619 XTS, block by block, the tweak doubled in GF(2^128) byte by byte. */
    private static byte[] xtsDecrypt(byte[] key, byte[] iv, byte[] sector) throws Exception {
        int half = key.length / 2;
        Cipher k2 = Cipher.getInstance("AES/ECB/NoPadding");
        k2.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, half, key.length), "AES"));
        Cipher k1 = Cipher.getInstance("AES/ECB/NoPadding");
        k1.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, 0, half), "AES"));
        byte[] t = k2.doFinal(iv);
        byte[] out = new byte[sector.length];
        for (int j = 0; j < sector.length; j += 16) {
            byte[] x = new byte[16];
            for (int i = 0; i < 16; i++) {
                x[i] = (byte) (sector[j + i] ^ t[i]);
            }
            byte[] y = k1.doFinal(x);
            for (int i = 0; i < 16; i++) {
                out[j + i] = (byte) (y[i] ^ t[i]);
            }
            int carry = 0;
            for (int i = 0; i < 16; i++) {
                int b = t[i] & 0xff;
                t[i] = (byte) (b << 1 | carry);
                carry = b >>> 7;
            }
            if (carry != 0) {
                t[0] ^= (byte) 0x87;
            }
        }
        return out;
    }
}
