package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.latency.LatencyLog;
import io.qrescue.imager.latency.LatencySnapshot;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.testing.ZeroDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.RunStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

/** The read latencies a rescue reports follow the fault model's slow ranges. */
class RescueLatencyTest {

    private static final long KI = 1024;
    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();

    /** Remembers the last stats seen in each phase. */
    private static final class LastStatsPerPhase implements RescueListener {
        final Map<RunStatus, RescueStats> last = new EnumMap<>(RunStatus.class);
        final List<RescueStats> all = new ArrayList<>();
        RunStatus phase;

        @Override
        public void phaseStarted(PhaseEvent event) {
            phase = event.runStatus();
        }

        @Override
        public void statsUpdated(RescueStats stats) {
            all.add(stats);
            if (phase != null) {
                last.put(phase, stats);
            }
        }
    }

    private Rescuer.Builder rescuer(FaultModelDevice input, RescueListener listener) {
        return Rescuer.builder().options(RescueOptions.defaults()).input(input).output(new MemoryOutputImage())
                .mapfile(null, new MemoryMapfileSaver().target()).listener(listener).timeSource(clock);
    }

    @Test
    void shouldShowTheSlowRangesInP99AndMax() {
        // 100 reads of 64 KiB; one touches a 40 ms range and one a 2 s range
        FaultModelDevice input = new FaultModelDevice(new ZeroDevice(100 * 64 * KI, 512),
                FaultModel.ofSpec("slow 0x100000 0x200 latency=40ms\nslow 0x300000 0x200 latency=2s"), clock);
        LastStatsPerPhase listener = new LastStatsPerPhase();

        RescueResult result = rescuer(input, listener).build().run();

        assertThat(result.exitCode()).isZero();
        LatencySnapshot latency = result.stats().readLatency();
        assertThat(latency.reads()).isEqualTo(100).isEqualTo(input.readCalls());
        assertThat(latency.p50Nanos()).isLessThan(MS);
        assertThat(latency.p99Nanos()).isCloseTo(40 * MS, withinPercentage(0.1));
        assertThat(latency.maxNanos()).isCloseTo(2000 * MS, withinPercentage(0.1));
        // the displays see the numbers grow during the run, not only at its end
        assertThat(listener.all).extracting(s -> s.readLatency().reads()).isSorted().contains(0L);
    }

    @Test
    void shouldReportTheLatenciesOfTheCurrentPhase() {
        // the copying read of the bad cluster and every trimming and scraping read inside it are slow
        FaultModelDevice input = new FaultModelDevice(new ZeroDevice(16 * 64 * KI, 512),
                FaultModel.ofSpec("bad 0x20000 0x1000\nslow 0x20000 0x1000 latency=30ms"), clock);
        LastStatsPerPhase listener = new LastStatsPerPhase();

        RescueResult result = rescuer(input, listener).build().run();

        assertThat(listener.last).containsKeys(RunStatus.COPYING, RunStatus.TRIMMING, RunStatus.SCRAPING);
        LatencySnapshot copying = listener.last.get(RunStatus.COPYING).readLatency();
        assertThat(copying.reads()).isEqualTo(16);
        assertThat(copying.p50Nanos()).isLessThan(MS);
        assertThat(copying.maxNanos()).isCloseTo(30 * MS, withinPercentage(0.1));
        // scraping reads only the sectors trimming left, all inside the slow range
        LatencySnapshot scraping = result.stats().readLatency();
        assertThat(scraping.reads()).isPositive();
        assertThat(scraping.p50Nanos()).isCloseTo(30 * MS, withinPercentage(0.1));
    }

    @Test
    void shouldCarryTheWholeRunLatenciesOfEveryPhaseInTheResult() {
        FaultModelDevice input = new FaultModelDevice(new ZeroDevice(16 * 64 * KI, 512),
                FaultModel.ofSpec("bad 0x20000 0x1000\nslow 0x20000 0x1000 latency=30ms"), clock);
        LastStatsPerPhase listener = new LastStatsPerPhase();

        RescueResult result = rescuer(input, listener).build().run();

        assertThat(result.phaseLatencies().keySet())
                .containsExactly(RunStatus.COPYING, RunStatus.TRIMMING, RunStatus.SCRAPING);
        for (RunStatus phase : result.phaseLatencies().keySet()) {
            // the display's last look at each phase saw every read of it
            assertThat(result.phaseLatencies().get(phase)).as(phase.label())
                    .isEqualTo(listener.last.get(phase).readLatency());
        }
        LatencySnapshot copying = result.phaseLatencies().get(RunStatus.COPYING);
        assertThat(copying.reads()).isEqualTo(16);
        assertThat(copying.p50Nanos()).isLessThan(MS);
        assertThat(copying.p99Nanos()).isCloseTo(30 * MS, withinPercentage(0.1));
        assertThat(copying.maxNanos()).isCloseTo(30 * MS, withinPercentage(0.1));
        long allReads = result.phaseLatencies().values().stream().mapToLong(LatencySnapshot::reads).sum();
        assertThat(allReads).isEqualTo(input.readCalls());
    }

    @Test
    void shouldLogIntervalsThatAddUpToEveryRead() throws IOException {
        // 64 reads, each 300 ms in the slow range: about 19 s of run time, several intervals per phase
        FaultModelDevice input = new FaultModelDevice(new ZeroDevice(32 * 64 * KI, 512),
                FaultModel.ofSpec("slow 0 0x200000 latency=300ms\nbad 0x80000 0x1000"), clock);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long start = clock.epochNanos();
        LatencyLog log = new LatencyLog(bytes, start);

        RescueResult result = rescuer(input, new RescueListener() {
        }).latencyLog(log).build().run();
        log.close();

        List<Histogram> intervals = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(bytes.toByteArray()));
        while (reader.hasNext()) {
            intervals.add((Histogram) reader.nextIntervalHistogram());
        }
        assertThat(result.exitCode()).isZero();
        assertThat(intervals.stream().mapToLong(Histogram::getTotalCount).sum()).isEqualTo(input.readCalls());
        assertThat(intervals).extracting(Histogram::getTag).contains("copying", "trimming", "scraping");
        assertThat(intervals).allSatisfy(h -> {
            assertThat(h.getEndTimeStamp() - h.getStartTimeStamp()).isBetween(0L, 1000L);
            assertThat(h.getMaxValue()).isCloseTo(300 * MS, withinPercentage(0.1));
        });
        // a read ends in every second of the run: at least one interval per second
        assertThat((long) intervals.size()).isGreaterThanOrEqualTo((clock.epochNanos() - start) / 1_000_000_000L);
        assertThat(intervals).extracting(Histogram::getStartTimeStamp).isSorted().doesNotHaveDuplicates();
    }
}
