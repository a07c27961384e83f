package io.qrescue.recovery.stack.thin;

import java.util.zip.CRC32C;

/**
 * The checksum in the first 4 bytes of every metadata block: CRC-32C over the rest of the block, seeded
 * 0xFFFFFFFF, without the final inversion, XORed with a salt per block type (identical upstream and on QNAP).
 */
final class MetadataChecksum {

    static final int SUPERBLOCK_SALT = 160774;
    static final int BTREE_NODE_SALT = 121107;
    static final int BITMAP_SALT = 240779;
    static final int INDEX_SALT = 160478;

    private MetadataChecksum() {
    }

    /** The checksum {@code block} should carry for a block of type {@code salt}. */
    static int compute(byte[] block, int salt) {
        CRC32C crc = new CRC32C();
        crc.update(block, 4, block.length - 4);
        // getValue() is the finalised (inverted) CRC; one more inversion gives the raw register the kernel stores.
        return (int) ~crc.getValue() ^ salt;
    }

    static int stored(byte[] block) {
        return Le.u32(block, 0);
    }

    static boolean matches(byte[] block, int salt) {
        return stored(block) == compute(block, salt);
    }
}
