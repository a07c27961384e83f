/**
 * The copy pipeline of a rescue on the LMAX Disruptor; the only package that uses the Disruptor. One ring of
 * {@link io.qrescue.imager.pipeline.ReadSlot}s, each with a pre-allocated page-aligned buffer of one cluster,
 * passes through three stages in sequence order, so reading never waits for writing:
 *
 * <pre>
 *   engine thread (producer)          reader threads (queue depth N,     engine thread (recorder)        writer thread
 *   CopyPipeline.request/prefetch     slot k read by reader k mod N)     CopyPipeline.awaitHead/decide   SlotWriter
 *         |                                   |                                 |                            |
 *         |  publish(pos, size)   +-----------v-----------+   reads done  +-----v------+  decided   +---------v--------+
 *         +---------------------->|  pread into slot k's  |-------------->| map, logs, |----------->| pwrite slot k's  |
 *                                 |  aligned buffer       |  (barrier on  | counters;  | (barrier on| bytes (-S, -C,   |
 *                                 +-----------------------+  all readers) | write or   |  recorded) | -y), then free   |
 *                                                                         | discard    |            | the slot         |
 *         ^                                                               +------------+            +---------+--------+
 *         |                      ring slots are reused only after the writer has passed them                   |
 *         +---------------------------------------------------------------------------------------------------+
 * </pre>
 *
 * With a queue depth of 1 the engine asks for one read at a time, exactly the reads ddrescue makes; only the
 * write of a read overlaps the next read. With a larger depth the engine also asks for the reads it expects
 * next (speculative reads); a read that the engine does not ask for next is discarded: waited for, reported
 * (it appears in the reads log) but neither recorded in the map nor written. The bytes read travel in the slot's
 * buffer from the kernel to the output without a copy in Java.
 *
 * <p>With a larger depth, consecutive clusters the engine expects next (forward passes) are coalesced into one
 * device read of up to 1 MiB: the engine still takes that read cluster by cluster ("pieces"), so the map and the
 * reads log record the cluster reads ddrescue makes, and the writer writes adjacent pieces with one write. A
 * coalesced read that does not copy all its bytes is not used at all: it appears in the reads log as the one read
 * it was, every read behind it is discarded, and the engine reads the cluster it asked for on its own, with no
 * read ahead until enough cluster reads in a row have succeeded again. Slots are sized for the largest read.
 */
package io.qrescue.imager.pipeline;
