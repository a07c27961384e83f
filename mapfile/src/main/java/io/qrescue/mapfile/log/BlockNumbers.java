package io.qrescue.mapfile.log;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * ddrescuelog -l: the numbers of the {@code blockSize}-sized blocks touched by map blocks of the chosen
 * statuses inside the domain, as a decimal list (badblocks' format) or as a bitmap, one bit per block.
 * The map must already be split at the domain's borders.
 */
public final class BlockNumbers {

    private BlockNumbers() {
    }

    /**
     * Writes one block number per line, ascending, each once.
     *
     * @param offset {@code opos - ipos}: shifts the numbering by {@code offset / blockSize}
     */
    public static void writeList(long offset, Domain domain, BlockMap map, int blockSize, Set<BlockStatus> types,
            Appendable out) throws IOException {
        long lastBlock = -1;
        for (StatusBlock sb : map) {
            if (!domain.includes(sb)) {
                continue; // only blocks inside the domain count
            }
            if (!types.contains(sb.status())) {
                continue;
            }
            long block = (sb.pos() + offset) / blockSize;
            if (block < 0) {
                throw new IllegalStateException("negative block number.");
            }
            if (block < lastBlock) {
                throw new IllegalStateException("block out of order.");
            }
            for (; block * blockSize < sb.end() + offset; ++block) {
                if (block > lastBlock) {
                    lastBlock = block;
                    out.append(Long.toString(block)).append('\n');
                }
            }
        }
    }

    /**
     * Writes a bitmap: bit {@code n} is set if block {@code n} is touched by a chosen block in the domain.
     * Little-endian puts block 0 in bit 0 of byte 0; big-endian in bit 7. A block cut by a map boundary takes
     * the value of the last piece that is chosen, as ddrescuelog does.
     */
    public static void writeBitmap(long offset, Domain domain, BlockMap map, int blockSize, Set<BlockStatus> types,
            boolean littleEndian, OutputStream out) throws IOException {
        BitWriter bits = new BitWriter(out, littleEndian);
        long bitsToSkip = offset < 0 ? -offset / blockSize : 0; // bits of negative block numbers
        long pos = map.extent().pos();
        boolean prevWasOne = false;
        if (offset >= blockSize) {
            bits.put(offset / blockSize, false);
        }
        if (pos >= blockSize) {
            bits.put(pos / blockSize, false);
        }
        for (StatusBlock sb : map) {
            boolean isOne = domain.includes(sb) && types.contains(sb.status());
            if (pos != sb.pos()) {
                throw new IllegalStateException("blocks are not contiguous.");
            }
            if (pos % blockSize != 0) { // complete a partial block
                long rest = blockSize - pos % blockSize;
                if (isOne) {
                    prevWasOne = true;
                }
                if (sb.size() < rest) {
                    pos += sb.size();
                    continue;
                }
                if (bitsToSkip > 0) {
                    --bitsToSkip;
                } else {
                    bits.put(1, prevWasOne);
                }
                pos += rest;
            }
            long bitsInRun = (sb.end() - pos) / blockSize;
            pos += bitsInRun * blockSize;
            if (bitsToSkip > 0) {
                if (bitsToSkip >= bitsInRun) {
                    bitsToSkip -= bitsInRun;
                    bitsInRun = 0;
                } else {
                    bitsInRun -= bitsToSkip;
                    bitsToSkip = 0;
                }
            }
            if (bitsInRun > 0) {
                bits.put(bitsInRun, isOne);
            }
            if (pos < sb.end()) {
                pos = sb.end();
                prevWasOne = isOne;
            }
        }
        if (pos % blockSize != 0 && bitsToSkip <= 0) {
            bits.put(1, prevWasOne);
        }
        bits.finish();
    }

    /** Packs bits into bytes in either bit order. */
    private static final class BitWriter {
        private final OutputStream out;
        private final boolean littleEndian;
        private int bitNumber;
        private int current;

        BitWriter(OutputStream out, boolean littleEndian) {
            this.out = out;
            this.littleEndian = littleEndian;
        }

        void put(long count, boolean one) throws IOException {
            while (count > 0 && bitNumber != 0) {
                --count;
                setBit(one);
                if (++bitNumber >= 8) {
                    bitNumber = 0;
                    out.write(current);
                    current = 0;
                }
            }
            if (count <= 0) {
                return;
            }
            int whole = one ? 0xFF : 0;
            while (count >= 8) {
                count -= 8;
                out.write(whole);
            }
            current = 0;
            for (; count > 0; --count, ++bitNumber) {
                setBit(one);
            }
        }

        private void setBit(boolean one) {
            if (one) {
                current |= 1 << (littleEndian ? bitNumber : 7 - bitNumber);
            }
        }

        void finish() throws IOException {
            if (bitNumber != 0) {
                out.write(current);
            }
        }
    }
}
