package io.qrescue.recovery.stack.luks;

import java.util.Arrays;

/**
 * QNAP's exported volume key file, decoded as far as it is known. The format is inferred from the firmware's
 * disassembly, not verified on a real file: an obfuscated text of 256 characters (512 when the content exceeds 28),
 * content character i at offset 8 + 9i, the content's length as two decimal digits at offset 248 (504). For an
 * internal volume the content is the user's password, which then goes through {@link QnapPassword}.
 */
public final class QnapKeyFile {

    /** Said wherever a key file is used: the format is not verified. */
    public static final String INFERRED = "QNAP key file format inferred from the firmware, not verified on a real file";

    private QnapKeyFile() {
    }

    /** The password held in {@code file}; an {@link IllegalArgumentException} says why the file does not fit. */
    public static byte[] decode(byte[] file) {
        int size = file.length;
        while (size > 0 && (file[size - 1] == '\n' || file[size - 1] == '\r')) {
            size--; // a line ending added by an editor
        }
        if (size != 256 && size != 512) {
            throw new IllegalArgumentException("a QNAP key file has 256 or 512 characters, this one " + size + " ("
                    + INFERRED + ")");
        }
        int lengthAt = size == 256 ? 248 : 504;
        int tens = file[lengthAt] - '0';
        int ones = file[lengthAt + 1] - '0';
        if (tens < 0 || tens > 9 || ones < 0 || ones > 9) {
            throw new IllegalArgumentException("no two-digit length at offset " + lengthAt + " (" + INFERRED + ")");
        }
        int length = tens * 10 + ones;
        if (length == 0 || 8 + 9 * (length - 1) >= size) {
            throw new IllegalArgumentException("length " + length + " at offset " + lengthAt + " does not fit the file ("
                    + INFERRED + ")");
        }
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = file[8 + 9 * i];
        }
        return out;
    }

    /** A key file holding {@code password} (tests: the inverse of {@link #decode}); {@code filler} fills the rest. */
    static byte[] encode(byte[] password, byte filler) {
        int size = password.length > 28 ? 512 : 256;
        byte[] file = new byte[size];
        Arrays.fill(file, filler);
        for (int i = 0; i < password.length; i++) {
            file[8 + 9 * i] = password[i];
        }
        int lengthAt = size == 256 ? 248 : 504;
        file[lengthAt] = (byte) ('0' + password.length / 10);
        file[lengthAt + 1] = (byte) ('0' + password.length % 10);
        return file;
    }
}
