package io.qrescue.imager.pipeline;

import io.qrescue.imager.device.Alignment;
import io.qrescue.imager.device.ReadOutcome;
import java.nio.ByteBuffer;

/**
 * One entry of the ring: a read request, its page-aligned buffer (allocated once, reused for the whole run), the
 * read's outcome and the engine's decision about writing it. A read covers one or more consecutive pieces (the
 * cluster reads ddrescue would make; more than one only for a coalesced read); the engine decides each piece.
 * Fields are handed from stage to stage through the ring's sequences, which order the memory accesses.
 */
final class ReadSlot {

    final ByteBuffer buffer;
    long pos;
    int size;
    ReadOutcome outcome;      // set by a reader
    RuntimeException failure; // a reader's device threw instead of returning an outcome
    int pieces;               // set by the engine: how many pieces the read covers
    final int[] pieceOffset;  // offset of each piece in the buffer
    final int[] pieceSize;
    final boolean[] write;    // set by the engine per piece: write bytes [offset, offset + writeBytes) at outPos
    final long[] outPos;
    final int[] writeBytes;

    ReadSlot(int capacityBytes, int maxPieces) {
        this.buffer = Alignment.allocateAligned(capacityBytes, Alignment.PAGE_SIZE);
        this.pieceOffset = new int[maxPieces];
        this.pieceSize = new int[maxPieces];
        this.write = new boolean[maxPieces];
        this.outPos = new long[maxPieces];
        this.writeBytes = new int[maxPieces];
    }

    void request(long readPos, int[] sizes, int count) {
        pos = readPos;
        pieces = count;
        int offset = 0;
        for (int i = 0; i < count; i++) {
            pieceOffset[i] = offset;
            pieceSize[i] = sizes[i];
            write[i] = false;
            offset += sizes[i];
        }
        size = offset;
        outcome = null;
        failure = null;
    }
}
