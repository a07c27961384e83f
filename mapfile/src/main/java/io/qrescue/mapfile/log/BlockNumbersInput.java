package io.qrescue.mapfile.log;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;

/**
 * ddrescuelog -c: marks the blocks named by a list of block numbers or by a bitmap with a status. Input
 * problems are returned as {@link Failure}s carrying ddrescuelog's message (without the program name).
 */
public final class BlockNumbersInput {

    /** Why the input could not be used. */
    public record Failure(String message) {
    }

    private BlockNumbersInput() {
    }

    /**
     * Reads block numbers as C's {@code scanf("%lli\n")} does and marks each block inside the domain.
     * Returns null on success. The "line" of an error is the ordinal of the number, as in ddrescuelog.
     */
    public static Failure applyList(byte[] input, Domain domain, BlockMap map, int blockSize, BlockStatus status) {
        NumberStream numbers = new NumberStream(input);
        for (long lineNumber = 1; ; ++lineNumber) {
            if (numbers.atEnd()) {
                return null;
            }
            Long block = numbers.next();
            if (block == null || block < 0 || block > Long.MAX_VALUE / blockSize) {
                return new Failure("(stdin): Error reading block number at line " + lineNumber);
            }
            Block b = new Block(block * blockSize, blockSize);
            if (domain.includes(b)) {
                map.changeChunkStatus(b, status, domain);
            }
        }
    }

    /** Marks every run of set bits of the bitmap that lies in the domain. Returns null on success. */
    public static Failure applyBitmap(byte[] input, Domain domain, BlockMap map, int blockSize, BlockStatus status,
            boolean littleEndian) {
        long firstBlock = -1;
        long byteNumber = -1;
        for (byte value : input) {
            int bits = value & 0xFF;
            ++byteNumber;
            for (int i = 0; i < 8; i++) {
                boolean set = littleEndian ? (bits >> i & 1) != 0 : (bits << i & 0x80) != 0;
                if (set) {
                    if (firstBlock < 0) {
                        firstBlock = 8 * byteNumber + i;
                    }
                } else if (firstBlock >= 0) {
                    Failure failure = markRun(domain, map, firstBlock, 8 * byteNumber + i, blockSize, status);
                    if (failure != null) {
                        return failure;
                    }
                    firstBlock = -1;
                }
            }
        }
        if (firstBlock >= 0) {
            return markRun(domain, map, firstBlock, 8 * byteNumber + 8, blockSize, status);
        }
        return null;
    }

    private static Failure markRun(Domain domain, BlockMap map, long firstBlock, long lastBlock, int blockSize,
            BlockStatus status) {
        if (lastBlock > Long.MAX_VALUE / blockSize) {
            return new Failure("(stdin): Too many blocks in bitmap.");
        }
        Block run = new Block(firstBlock * blockSize, (lastBlock - firstBlock) * blockSize);
        if (domain.includes(run)) {
            map.changeChunkStatus(run, status, domain);
        } else if (domain.overlaps(run)) {
            long end = run.end();
            Block sector = new Block(run.pos(), blockSize);
            while (sector.pos() < end && domain.includes(sector)) {
                map.changeChunkStatus(sector, status, domain);
                sector = sector.shift(blockSize);
            }
        }
        return null;
    }

    /** C's {@code scanf("%lli\n")} over a whole input. */
    private static final class NumberStream {
        private final byte[] input;
        private int index;

        NumberStream(byte[] input) {
            this.input = input;
        }

        private int peek() {
            return index < input.length ? input[index] & 0xFF : -1;
        }

        private static boolean isSpace(int ch) {
            return ch == ' ' || ch == '\t' || ch == '\n' || ch == 0x0B || ch == '\f' || ch == '\r';
        }

        /** True when only white space is left: scanf returns EOF there. */
        boolean atEnd() {
            while (isSpace(peek())) {
                index++;
            }
            return peek() < 0;
        }

        /** The next number, or null on a matching failure. */
        Long next() {
            boolean negative = false;
            if (peek() == '+' || peek() == '-') {
                negative = peek() == '-';
                index++;
            }
            int base = 10;
            boolean digits = false;
            if (peek() == '0') {
                index++;
                digits = true;
                if (peek() == 'x' || peek() == 'X') {
                    index++;
                    base = 16;
                } else {
                    base = 8;
                }
            }
            java.math.BigInteger value = java.math.BigInteger.ZERO;
            while (true) {
                int d = peek() < 0 ? -1 : Character.digit(peek(), base);
                if (d < 0 || peek() > 127) {
                    break;
                }
                digits = true;
                value = value.multiply(java.math.BigInteger.valueOf(base)).add(java.math.BigInteger.valueOf(d));
                index++;
            }
            if (!digits) {
                return null;
            }
            if (negative) {
                value = value.negate();
            }
            if (value.bitLength() > 63) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            long result = value.longValueExact();
            while (isSpace(peek())) {
                index++; // the "\n" directive skips any white space
            }
            return result;
        }
    }
}
