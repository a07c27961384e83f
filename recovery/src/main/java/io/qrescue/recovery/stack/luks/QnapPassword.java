package io.qrescue.recovery.stack.luks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * QNAP's volume password rules. QTS gives cryptsetup {@code crypt(password, "$1$YCCaQNAP$")} (the whole 34-character
 * MD5-crypt string, no newline) as the LUKS key. QTS asks for 8 to 16 characters, and older firmware silently used
 * only the first 16, so the passphrases to try are: the password as given, then its first 16 characters, then
 * shorter prefixes down to 8.
 */
public final class QnapPassword {

    /** The salt QTS uses for every volume. */
    public static final String SALT = "YCCaQNAP";
    /** The shortest password QTS accepts. */
    static final int MIN_LENGTH = 8;
    /** What older firmware kept of a longer password. */
    static final int OLD_FIRMWARE_LENGTH = 16;

    private QnapPassword() {
    }

    /** The LUKS passphrase QTS makes of {@code password}. */
    public static byte[] passphrase(byte[] password) {
        return Md5Crypt.crypt(password, SALT);
    }

    /**
     * The passphrases to try for {@code password} (bytes as typed, UTF-8), in order, each with its rule; {@code from}
     * names where the password came from ("--password-file", "the QNAP key file").
     */
    public static List<Passphrase> candidates(byte[] password, String from) {
        List<Passphrase> out = new ArrayList<>();
        out.add(derived(password, "the QNAP password from " + from + " (MD5-crypt, as QTS derives it)"));
        if (password.length > OLD_FIRMWARE_LENGTH) {
            out.add(derived(Arrays.copyOf(password, OLD_FIRMWARE_LENGTH), "the first " + OLD_FIRMWARE_LENGTH
                    + " characters of the QNAP password from " + from + " (older firmware used only these)"));
        }
        for (int n = Math.min(password.length - 1, OLD_FIRMWARE_LENGTH - 1); n >= MIN_LENGTH; n--) {
            out.add(derived(Arrays.copyOf(password, n), "the first " + n + " characters of the QNAP password from "
                    + from + " (a shorter prefix, as older firmware may have kept)"));
        }
        return out;
    }

    private static Passphrase derived(byte[] password, String rule) {
        byte[] p = passphrase(password);
        try {
            return new Passphrase(p, rule);
        } finally {
            Arrays.fill(p, (byte) 0);
        }
    }

    /** The password typed or stored as text: its bytes without a final line ending. */
    public static byte[] fromText(byte[] fileBytes) {
        int end = fileBytes.length;
        while (end > 0 && (fileBytes[end - 1] == '\n' || fileBytes[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(fileBytes, end);
    }

    /** {@code text} as UTF-8 bytes (a password read from a terminal). */
    public static byte[] utf8(char[] text) {
        return new String(text).getBytes(StandardCharsets.UTF_8);
    }
}
