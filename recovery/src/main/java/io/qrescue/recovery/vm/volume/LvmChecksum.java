package io.qrescue.recovery.vm.volume;

/**
 * LVM2's checksum (lib/misc/crc.c): the reflected CRC-32 polynomial 0xEDB88320 started from 0xf597a6cf and
 * without the final inversion zlib applies. Used for the mda header (bytes 4..511) and the metadata text.
 */
public final class LvmChecksum {
    /** The initial value lvm2 uses. */
    public static final int INITIAL = 0xf597a6cf;
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

    /** The checksum of {@code length} bytes of {@code data} from {@code offset}. */
    public static int of(byte[] data, int offset, int length) {
        int crc = INITIAL;
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
        }
        return crc;
    }
}
