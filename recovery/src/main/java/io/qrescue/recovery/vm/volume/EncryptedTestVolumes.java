package io.qrescue.recovery.vm.volume;

import io.qrescue.recovery.stack.luks.QnapPassword;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The encrypted thin volumes of the md10-luks test variant, formatted by the real cryptsetup inside the appliance.
 * The passwords are test values, written into the fixture's README: lv1 is QNAP's case (LUKS1 aes-cbc-plain, sha1,
 * key = MD5-crypt of the password, a second key slot with the same key), lv2 was made by older firmware with the
 * first 16 characters of a longer password (aes-cbc-essiv:sha256), lv3 is a LUKS2 volume as cryptsetup makes
 * them today (aes-xts-plain64, argon2id, a raw passphrase), lv4 a LUKS2 aes-cbc-plain64 volume with 4 KiB
 * encryption sectors. Key-derivation costs are low so tests stay fast.
 */
public final class EncryptedTestVolumes {

    /**
     * One volume: its LV, size, the QNAP password (null for a raw passphrase), the raw passphrase (null for a QNAP
     * password), whether only the password's first 16 characters were used, and the luksFormat options.
     */
    public record Spec(String lv, int sizeMiB, String qnapPassword, String passphrase, boolean sixteenCharacters,
            String formatOptions) {

        /** What cryptsetup gets as key file. */
        public byte[] keyFile() {
            if (qnapPassword == null) {
                return passphrase.getBytes(StandardCharsets.UTF_8);
            }
            byte[] password = qnapPassword.getBytes(StandardCharsets.UTF_8);
            return QnapPassword.passphrase(sixteenCharacters ? Arrays.copyOf(password, 16) : password);
        }
    }

    /** The QNAP password of lv1. */
    public static final String LV1_PASSWORD = "Rescue-2026!";
    /** The password lv2 was made with; only its first 16 characters count. */
    public static final String LV2_PASSWORD = "Rescue-2026!-LongerThan16";
    /** The raw LUKS passphrase of lv3 and lv4. */
    public static final String LUKS2_PASSPHRASE = "luks2 passphrase";

    private static final String FAST_PBKDF2 = "--pbkdf-force-iterations 1000";
    private static final String SMALL_LUKS2 = "--luks2-metadata-size 16k";

    public static final List<Spec> SPECS = List.of(
            new Spec("lv1", 24, LV1_PASSWORD, null, false, "--type luks1 -c aes-cbc-plain -s 256 -h sha1 "
                    + FAST_PBKDF2),
            new Spec("lv2", 24, LV2_PASSWORD, null, true, "--type luks1 -c aes-cbc-essiv:sha256 -s 256 -h sha256 "
                    + FAST_PBKDF2),
            new Spec("lv3", 16, null, LUKS2_PASSPHRASE, false, "--type luks2 -c aes-xts-plain64 -s 512 --pbkdf"
                    + " argon2id --pbkdf-force-iterations 4 --pbkdf-memory 8192 --pbkdf-parallel 1 " + SMALL_LUKS2
                    + " --luks2-keyslots-size 256k"),
            new Spec("lv4", 16, null, LUKS2_PASSPHRASE, false, "--type luks2 -c aes-cbc-plain64 -s 256 --pbkdf"
                    + " pbkdf2 -h sha256 " + FAST_PBKDF2 + " --sector-size 4096 " + SMALL_LUKS2
                    + " --luks2-keyslots-size 128k"));

    private EncryptedTestVolumes() {
    }

    /** The job's luks/volumes table: "LV SIZE_MIB OPTIONS..." per line. */
    static String table() {
        StringBuilder b = new StringBuilder();
        for (Spec s : SPECS) {
            b.append(s.lv()).append(' ').append(s.sizeMiB()).append(' ').append(s.formatOptions()).append('\n');
        }
        return b.toString();
    }
}
