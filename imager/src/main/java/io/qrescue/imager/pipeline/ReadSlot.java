package io.qrescue.imager.pipeline;

import io.qrescue.imager.device.Alignment;
import io.qrescue.imager.device.ReadOutcome;
import java.nio.ByteBuffer;

/**
 * One entry of the ring: a read request, its page-aligned buffer (allocated once, reused for the whole run), the
 * read's outcome and the engine's decision about writing it. Fields are handed from stage to stage through the
 * ring's sequences, which order the memory accesses.
 */
final class ReadSlot {

    final ByteBuffer buffer;
    long pos;
    int size;
    ReadOutcome outcome;      // set by a reader
    RuntimeException failure; // a reader's device threw instead of returning an outcome
    boolean write;            // set by the engine: write bytes [0, writeBytes) of the buffer at outPos
    long outPos;
    int writeBytes;

    ReadSlot(int capacityBytes) {
        this.buffer = Alignment.allocateAligned(capacityBytes, Alignment.PAGE_SIZE);
    }

    void request(long readPos, int readSize) {
        pos = readPos;
        size = readSize;
        outcome = null;
        failure = null;
        write = false;
    }
}
