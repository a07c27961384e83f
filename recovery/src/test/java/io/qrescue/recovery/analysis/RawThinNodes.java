package io.qrescue.recovery.analysis;

import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongUnaryOperator;

/**
 * Reads dm-thin metadata blocks straight from image bytes with the on-disk layout (superblock roots, btree node
 * header, keys and values), independently of the readers under test: tests use it to find which block is a leaf,
 * an internal node or a bitmap, and which keys bound it.
 */
final class RawThinNodes {

    static final int BLOCK = 4096;
    static final int INTERNAL = 1;
    static final int LEAF = 2;

    private final ImageSource image;
    private final LongUnaryOperator tmetaToImage;

    RawThinNodes(ImageSource image, LongUnaryOperator tmetaToImage) {
        this.image = image;
        this.tmetaToImage = tmetaToImage;
    }

    ByteBuffer block(long b) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        image.read(tmetaToImage.applyAsLong(b * BLOCK), buf);
        return buf.flip();
    }

    long imageOffsetOfBlock(long b) {
        return tmetaToImage.applyAsLong(b * BLOCK);
    }

    long dataMappingRoot() throws IOException {
        return block(0).getLong(320);
    }

    /** The bitmap_root of the metadata space map (its index block). */
    long metadataSpaceMapIndex() throws IOException {
        return block(0).getLong(192 + 16);
    }

    /** Bitmap block of entry 0 of the metadata space-map index. */
    long firstMetadataBitmap() throws IOException {
        return block(metadataSpaceMapIndex()).getLong(16);
    }

    int flags(long node) throws IOException {
        return block(node).getInt(4);
    }

    int entries(long node) throws IOException {
        return block(node).getInt(16);
    }

    long key(long node, int i) throws IOException {
        return block(node).getLong(32 + 8 * i);
    }

    /** u64 value i of a node whose values are 8 bytes (internal nodes, mapping leaves, top-level leaves). */
    long value(long node, int i) throws IOException {
        ByteBuffer b = block(node);
        int max = b.getInt(20);
        return b.getLong(32 + 8 * max + 8 * i);
    }

    /** Root of device {@code dev}'s mapping tree, from the top-level tree (a leaf in every test pool). */
    long deviceRoot(long dev) throws IOException {
        long top = dataMappingRoot();
        while (flags(top) == INTERNAL) {
            int i = entries(top) - 1;
            while (i > 0 && key(top, i) > dev) {
                i--;
            }
            top = value(top, i);
        }
        for (int i = 0; i < entries(top); i++) {
            if (key(top, i) == dev) {
                return value(top, i);
            }
        }
        throw new IllegalStateException("no device " + dev);
    }
}
