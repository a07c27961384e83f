package io.qrescue.recovery.stack.partition;

/** GUID text of a 16-byte on-disk GUID (first three fields little-endian, as GPT and UEFI store them). */
final class GptGuid {

    private GptGuid() {
    }

    static String format(byte[] b, int off) {
        StringBuilder sb = new StringBuilder(36);
        int[] order = {3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15};
        for (int i : order) {
            if (i < 0) {
                sb.append('-');
            } else {
                sb.append(String.format("%02X", b[off + i] & 0xff));
            }
        }
        return sb.toString();
    }

    static boolean isZero(byte[] b, int off) {
        for (int i = 0; i < 16; i++) {
            if (b[off + i] != 0) {
                return false;
            }
        }
        return true;
    }
}
