package io.qrescue.recovery.stack.luks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The MD5-based crypt(3) of FreeBSD and glibc ("$1$SALT$HASH", Poul-Henning Kamp's algorithm), which QNAP applies to
 * a volume password to make its LUKS passphrase. Outputs agree with {@code openssl passwd -1 -salt SALT}.
 */
public final class Md5Crypt {

    private static final String MAGIC = "$1$";
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Md5Crypt() {
    }

    /** crypt(password, "$1$" + salt + "$"): the whole string, salt (up to 8 characters) included. */
    public static byte[] crypt(byte[] password, String salt) {
        byte[] s = salt.getBytes(StandardCharsets.US_ASCII);
        if (s.length > 8) {
            s = java.util.Arrays.copyOf(s, 8);
        }
        MessageDigest ctx = md5();
        ctx.update(password);
        ctx.update(MAGIC.getBytes(StandardCharsets.US_ASCII));
        ctx.update(s);
        MessageDigest alt = md5();
        alt.update(password);
        alt.update(s);
        alt.update(password);
        byte[] altSum = alt.digest();
        for (int left = password.length; left > 0; left -= 16) {
            ctx.update(altSum, 0, Math.min(16, left));
        }
        for (int i = password.length; i != 0; i >>>= 1) {
            ctx.update((i & 1) != 0 ? 0 : password.length > 0 ? password[0] : 0);
        }
        byte[] sum = ctx.digest();
        for (int i = 0; i < 1000; i++) {
            MessageDigest round = md5();
            round.update((i & 1) != 0 ? password : sum);
            if (i % 3 != 0) {
                round.update(s);
            }
            if (i % 7 != 0) {
                round.update(password);
            }
            round.update((i & 1) != 0 ? sum : password);
            sum = round.digest();
        }
        StringBuilder out = new StringBuilder(MAGIC).append(new String(s, StandardCharsets.US_ASCII)).append('$');
        to64(out, sum[0], sum[6], sum[12], 4);
        to64(out, sum[1], sum[7], sum[13], 4);
        to64(out, sum[2], sum[8], sum[14], 4);
        to64(out, sum[3], sum[9], sum[15], 4);
        to64(out, sum[4], sum[10], sum[5], 4);
        to64(out, (byte) 0, (byte) 0, sum[11], 2);
        java.util.Arrays.fill(sum, (byte) 0);
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void to64(StringBuilder out, byte a, byte b, byte c, int chars) {
        int v = (a & 0xff) << 16 | (b & 0xff) << 8 | c & 0xff;
        for (int i = 0; i < chars; i++) {
            out.append(ITOA64.charAt(v & 0x3f));
            v >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
