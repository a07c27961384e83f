package io.qrescue.imager.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.qrescue.mapfile.RunStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000_000_000_000L;

    @Test
    void shouldKeepThePhasesApartAndSumThemOverall() {
        LatencyRecorder recorder = new LatencyRecorder(T0, null);
        recorder.phaseStarted(RunStatus.COPYING, T0);
        for (int i = 0; i < 98; i++) {
            recorder.record(1 * MS, T0);
        }
        recorder.record(40 * MS, T0);
        recorder.record(100 * MS, T0);
        recorder.phaseStarted(RunStatus.TRIMMING, T0);
        assertThat(recorder.current()).isEqualTo(LatencySnapshot.EMPTY);
        recorder.record(5 * MS, T0);
        recorder.record(7 * MS, T0);

        LatencySnapshot copying = recorder.phase(RunStatus.COPYING);
        assertThat(copying.reads()).isEqualTo(100);
        assertThat(copying.p50Nanos()).isCloseTo(1 * MS, withinPercentage(0.1));
        assertThat(copying.p99Nanos()).isCloseTo(40 * MS, withinPercentage(0.1));
        assertThat(copying.maxNanos()).isCloseTo(100 * MS, withinPercentage(0.1));
        LatencySnapshot trimming = recorder.phase(RunStatus.TRIMMING);
        assertThat(trimming.reads()).isEqualTo(2);
        assertThat(trimming.p50Nanos()).isCloseTo(5 * MS, withinPercentage(0.1));
        assertThat(trimming.maxNanos()).isCloseTo(7 * MS, withinPercentage(0.1));
        assertThat(recorder.current()).isEqualTo(trimming);
        assertThat(recorder.overall().reads()).isEqualTo(102);
        assertThat(recorder.overall().maxNanos()).isEqualTo(copying.maxNanos());
        assertThat(recorder.phase(RunStatus.SCRAPING).isEmpty()).isTrue();
    }

    @Test
    void shouldRecordReadsLongerThanTheScaleAsTheLongestTrackable() {
        LatencyRecorder recorder = new LatencyRecorder(T0, null);
        recorder.phaseStarted(RunStatus.RETRYING, T0);
        recorder.record(2 * LatencyRecorder.HIGHEST_TRACKABLE_NANOS, T0);
        recorder.record(-5, T0); // a clock step back must not break the run
        assertThat(recorder.current().maxNanos())
                .isCloseTo(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, withinPercentage(0.1));
        assertThat(recorder.current().reads()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAReadBeforeAnyPhase() {
        LatencyRecorder recorder = new LatencyRecorder(T0, null);
        assertThatThrownBy(() -> recorder.record(MS, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldWriteOneIntervalPerSecondAndPerPhaseChange() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LatencyLog log = new LatencyLog(bytes, T0);
        LatencyRecorder recorder = new LatencyRecorder(T0, log);
        recorder.phaseStarted(RunStatus.COPYING, T0);
        recorder.record(3 * MS, T0 + 100 * MS);
        recorder.record(4 * MS, T0 + 500 * MS);
        recorder.record(5 * MS, T0 + 1200 * MS);  // the second second of run time: a new interval
        recorder.phaseStarted(RunStatus.COPYING, T0 + 1300 * MS); // another pass, same phase: no cut
        recorder.record(6 * MS, T0 + 1400 * MS);
        recorder.phaseStarted(RunStatus.TRIMMING, T0 + 1500 * MS);
        recorder.record(9 * MS, T0 + 1600 * MS);
        recorder.phaseStarted(RunStatus.SCRAPING, T0 + 1700 * MS);
        recorder.record(8 * MS, T0 + 3500 * MS); // the rest of second 1 and all of second 2 saw no read
        recorder.finish(T0 + 3800 * MS);
        log.close();

        List<Histogram> intervals = read(bytes.toByteArray());
        assertThat(intervals).extracting(Histogram::getTag)
                .containsExactly("copying", "copying", "trimming", "scraping");
        assertThat(intervals).extracting(Histogram::getTotalCount).containsExactly(2L, 2L, 1L, 1L);
        long startMs = T0 / MS;
        assertThat(intervals).extracting(Histogram::getStartTimeStamp)
                .containsExactly(startMs, startMs + 1000, startMs + 1500, startMs + 3000);
        assertThat(intervals).extracting(Histogram::getEndTimeStamp)
                .containsExactly(startMs + 1000, startMs + 1500, startMs + 1700, startMs + 3800);
        assertThat(intervals.get(2).getMaxValue()).isCloseTo(9 * MS, withinPercentage(0.1));
    }

    /** Every interval of an HdrHistogram log, as the standard reader sees it. */
    static List<Histogram> read(byte[] log) {
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log));
        List<Histogram> out = new ArrayList<>();
        while (reader.hasNext()) {
            out.add((Histogram) reader.nextIntervalHistogram());
        }
        return out;
    }
}
