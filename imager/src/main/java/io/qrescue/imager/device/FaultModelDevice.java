package io.qrescue.imager.device;

import io.qrescue.imager.time.TimeSource;
import io.qrescue.mapfile.Block;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A device that fails as a {@link FaultModel} says, on top of a healthy device that supplies the data. Reads
 * that a rule slows down sleep on the {@link TimeSource}, so with a virtual clock they cost no wall time.
 * Not thread-safe: soft-sector tries and the vanish counter are per-device state.
 */
public final class FaultModelDevice implements BlockDevice {

    private final BlockDevice base;
    private final FaultModel model;
    private final TimeSource time;
    private final Map<Long, Integer> softFailuresLeft = new HashMap<>(); // sector index -> failures still due
    private final long[] vanishStates;  // per Vanish rule: reads counted until it vanishes, then absent reads
    private final boolean[] vanished;
    private final boolean[] cameBack;
    private long readCalls;

    public FaultModelDevice(BlockDevice base, FaultModel model, TimeSource time) {
        this.base = base;
        this.model = model;
        this.time = time;
        int rules = model.rules().size();
        this.vanishStates = new long[rules];
        this.vanished = new boolean[rules];
        this.cameBack = new boolean[rules];
    }

    @Override
    public long size() {
        return model.apparentSize(base.size());
    }

    @Override
    public int sectorSize() {
        return base.sectorSize();
    }

    /** Number of read calls so far. */
    public long readCalls() {
        return readCalls;
    }

    @Override
    public ReadOutcome read(long pos, ByteBuffer dst) {
        ++readCalls;
        int requested = dst.remaining();
        if (requested == 0) {
            return ReadOutcome.copied(0, 0);
        }
        if (isAbsent()) {
            return ReadOutcome.failed(0, requested, ReadError.ENODEV, 0);
        }
        Block request = new Block(pos, requested);
        long latency = latencyOf(request);
        sleep(latency);
        if (model.readable() != null && !model.readable().includes(request)) {
            // test mode: all or nothing, the input is not touched (spec 3.1)
            return ReadOutcome.failed(0, requested, ReadError.EIO, latency);
        }
        int goodPrefix = goodPrefixOf(request);
        ReadOutcome outcome;
        if (goodPrefix > 0) {
            ByteBuffer part = dst.slice(dst.position(), goodPrefix);
            outcome = base.read(pos, part);
            dst.position(dst.position() + outcome.copiedBytes());
            zeroFill(dst, pos, outcome.copiedBytes());
        } else {
            outcome = ReadOutcome.copied(0, 0);
        }
        if (goodPrefix < requested && outcome.copiedBytes() == goodPrefix) {
            return ReadOutcome.failed(goodPrefix, requested - goodPrefix, ReadError.EIO, latency);
        }
        return outcome.withDuration(latency + outcome.durationNanos());
    }

    /** Advances vanish rules by one read call; true if the device is gone for this call. */
    private boolean isAbsent() {
        boolean absent = false;
        List<FaultRule> rules = model.rules();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof FaultRule.Vanish v && !cameBack[i]) {
                if (!vanished[i]) {
                    if (vanishStates[i] < v.afterReads()) {
                        ++vanishStates[i];
                        continue;
                    }
                    vanished[i] = true;
                    vanishStates[i] = 0;
                }
                if (v.absentReads() >= 0 && vanishStates[i] >= v.absentReads()) {
                    cameBack[i] = true;
                    continue;
                }
                ++vanishStates[i];
                absent = true;
            }
        }
        return absent;
    }

    private long latencyOf(Block request) {
        long latency = 0;
        for (FaultRule rule : model.rules()) {
            if (rule instanceof FaultRule.Slow s && s.range().overlaps(request)) {
                latency += s.latencyNanos();
            } else if (rule instanceof FaultRule.Hang h && h.range().overlaps(request)) {
                latency += h.hangNanos();
            }
        }
        return latency;
    }

    private void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            time.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Bytes from the start of the request a real disk would return before the first failing sector. A soft
     * sector reached by the read uses up one of its failures.
     */
    private int goodPrefixOf(Block request) {
        long firstFail = request.end();
        for (FaultRule rule : model.rules()) {
            Block bad = null;
            if (rule instanceof FaultRule.HardBad h) {
                bad = h.range();
            } else if (rule instanceof FaultRule.Hang h) {
                bad = h.range();
            }
            if (bad != null && bad.overlaps(request)) {
                firstFail = Math.min(firstFail, Math.max(bad.pos(), request.pos()));
            }
        }
        int sector = base.sectorSize();
        long softSector = -1;
        for (FaultRule rule : model.rules()) {
            if (rule instanceof FaultRule.SoftBad s && s.range().overlaps(request)) {
                Block overlap = s.range().crop(request);
                for (long index = overlap.pos() / sector; index * sector < overlap.end(); index++) {
                    long start = Math.max(index * sector, overlap.pos());
                    if (start >= firstFail) {
                        break;
                    }
                    if (softFailuresLeft.getOrDefault(index, s.failures()) > 0) {
                        firstFail = start;
                        softSector = index;
                        break;
                    }
                }
            }
        }
        if (softSector >= 0 && firstFail == Math.max(softSector * sector, request.pos())) {
            int left = softFailuresLeft.getOrDefault(softSector, softFailuresOf(softSector));
            softFailuresLeft.put(softSector, left - 1);
        }
        return (int) (firstFail - request.pos());
    }

    private int softFailuresOf(long sectorIndex) {
        int sector = base.sectorSize();
        for (FaultRule rule : model.rules()) {
            if (rule instanceof FaultRule.SoftBad s && s.range().overlaps(new Block(sectorIndex * sector, sector))) {
                return s.failures();
            }
        }
        return 0;
    }

    /** Zeroes the bytes just copied that lie in a Zeros range. */
    private void zeroFill(ByteBuffer dst, long pos, int copied) {
        if (copied <= 0) {
            return;
        }
        Block got = new Block(pos, copied);
        int base0 = dst.position() - copied;
        for (FaultRule rule : model.rules()) {
            if (rule instanceof FaultRule.Zeros z && z.range().overlaps(got)) {
                Block overlap = z.range().crop(got);
                for (long p = overlap.pos(); p < overlap.end(); p++) {
                    dst.put(base0 + (int) (p - pos), (byte) 0);
                }
            }
        }
    }

    @Override
    public boolean reopen() {
        List<FaultRule> rules = model.rules();
        for (int i = 0; i < rules.size(); i++) {
            if (vanished[i] && !cameBack[i]) {
                cameBack[i] = true; // a reopened device is found again
            }
        }
        return base.reopen();
    }

    @Override
    public void close() throws IOException {
        base.close();
    }
}
