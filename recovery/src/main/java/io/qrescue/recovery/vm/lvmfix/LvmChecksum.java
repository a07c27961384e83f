package io.qrescue.recovery.vm.lvmfix;

/**
 * lvm2's checksum (lib/misc/crc.c): reflected CRC-32, polynomial 0xEDB88320, initial value 0xf597a6cf and no
 * final XOR; java.util.zip.CRC32 cannot be seeded, hence a table of its own.
 */
final class LvmChecksum {

    static final int INITIAL = 0xf597a6cf;
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private LvmChecksum() {
    }

    static int of(byte[] bytes, int offset, int length) {
        int c = INITIAL;
        for (int i = offset; i < offset + length; i++) {
            c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
        }
        return c;
    }
}
