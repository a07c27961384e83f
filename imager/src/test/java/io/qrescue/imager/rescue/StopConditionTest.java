package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.testing.RecordingListener;
import io.qrescue.imager.testing.ZeroDevice;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.RunStatus;
import org.junit.jupiter.api.Test;

/** Spec 2.8 and 2.13: the stop conditions, their texts and exit codes, with simulated time. */
class StopConditionTest {

    private static final long MI = 1L << 20;

    private final VirtualClock clock = new VirtualClock();
    private final RecordingListener recorder = new RecordingListener();
    private final MemoryMapfileSaver saver = new MemoryMapfileSaver();

    private Rescuer rescuer(long size, String faults, RescueOptions options) {
        return Rescuer.builder()
                .options(options)
                .input(new FaultModelDevice(new ZeroDevice(size, 512), FaultModel.ofSpec(faults), clock))
                .output(new MemoryOutputImage())
                .mapfile(null, saver.target())
                .listener(recorder)
                .timeSource(clock)
                .build();
    }

    @Test
    void shouldStopWhenNothingWasRescuedForLongerThanTheTimeout() {
        RescueResult result = rescuer(MI, "hang 0 1Mi time=5s", RescueOptions.builder().timeoutSeconds(10).build())
                .run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stopReasons()).containsExactly(StopReason.TIMEOUT);
        assertThat(recorder.stops).containsExactly("Timeout expired");
        assertThat(recorder.reads).hasSize(3); // 5 s, 10 s, then 15 s > 10 s stops before the fourth read
        assertThat(result.map().runStatus()).isEqualTo(RunStatus.COPYING);
    }

    @Test
    void shouldCheckTheErrorRateAtTheEndOfAShortRun() {
        // spec 2.8: a run shorter than a second still evaluates -E at the final forced update
        RescueResult result = rescuer(0x20000, "bad 0x10000 0x200", RescueOptions.builder().maxErrorRate(1000).build())
                .run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stopReasons()).containsExactly(StopReason.ERROR_RATE);
        assertThat(result.stopMessages().get(0)).startsWith("Too high error rate reading input file (");
        assertThat(result.map().runStatus()).isNotEqualTo(RunStatus.FINISHED);
        assertThat(result.stats().badSector()).isEqualTo(0x200); // all phases ran
    }

    @Test
    void shouldStopAfterTooManySlowReads() {
        RescueOptions options = RescueOptions.builder().minReadRate(MI).delaySlowSeconds(0).maxSlowReads(2).build();
        RescueResult result = rescuer(4 * MI, "slow 0 4Mi latency=1s", options).run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stopReasons()).containsExactly(StopReason.SLOW_READS);
        assertThat(result.stats().slowReads()).isEqualTo(3);
    }

    @Test
    void shouldSkipAfterASlowReadInPass1() {
        RescueOptions options = RescueOptions.builder().minReadRate(MI).delaySlowSeconds(0).noTrim(true).build();
        RescueResult result = rescuer(8 * MI, "slow 0 8Mi latency=1s", options).run();
        assertThat(result.exitCode()).isZero();
        var pass1 = recorder.readsOf("Copying non-tried blocks... Pass 1");
        // the second read is slow: skip max(64 KiB, min(current rate, 1 % of the input)) = 83886 B -> sectors
        assertThat(pass1.get(2).pos() - pass1.get(1).pos()).isGreaterThan(0x10000);
        assertThat(recorder.phaseMessages()).contains("Copying non-tried blocks... Pass 2 (backwards)");
    }

    @Test
    void shouldStopAfterTooManyReadErrors() {
        RescueResult result = rescuer(MI, "bad 0x20000 0x200\nbad 0x40000 0x200",
                RescueOptions.builder().maxReadErrors(1).build()).run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stopMessages()).containsExactly("Too many read errors");
        assertThat(recorder.reads.stream().filter(r -> r.read().failed() > 0)).hasSize(2);
    }

    @Test
    void shouldStopBeforeTheReadAfterTooManyBadAreas() {
        RescueResult result = rescuer(MI, "bad 0x20000 0x200\nbad 0x40000 0x200\nbad 0x60000 0x200",
                RescueOptions.builder().maxBadAreas(1, false).clusterSectors(1).build()).run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stopMessages()).containsExactly("Too many bad areas in input file");
        assertThat(recorder.reads.get(recorder.reads.size() - 1).read().pos()).isEqualTo(0x40000);
    }

    @Test
    void shouldEndAsFatalWhenTheDeviceVanishes() {
        RescueResult result = rescuer(MI, "vanish after=3", RescueOptions.defaults()).run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("Fatal error reading the input file: No such device");
        assertThat(result.subject()).isEqualTo(RescueResult.Subject.INPUT_FILE);
        assertThat(result.stopReasons()).containsExactly(StopReason.FATAL_ERROR);
        assertThat(saver.lastText()).contains("0x00030000  0x000D0000  ?"); // saved with the reads done so far
    }

    @Test
    void shouldRefuseAReadErrorBeforeTheFirstGoodReadWithVerifyOnError() {
        RescueResult result = rescuer(MI, "bad 0 0x200", RescueOptions.builder().verifyOnError(true).build()).run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("Read error found before the first good read.");
    }

    @Test
    void shouldStopAtTheNextReadWhenInterrupted() {
        Rescuer[] self = new Rescuer[1];
        RescueListener interruptAfterFourReads = new RescueListener() {
            private int reads;

            @Override
            public void readDone(ReadEvent event) {
                if (++reads == 4) {
                    self[0].interrupt();
                }
            }
        };
        self[0] = Rescuer.builder()
                .input(new FaultModelDevice(new ZeroDevice(MI, 512), FaultModel.none(), clock))
                .output(new MemoryOutputImage())
                .mapfile(null, saver.target())
                .listener(RescueListener.of(recorder, interruptAfterFourReads))
                .timeSource(clock)
                .build();
        RescueResult result = self[0].run();
        assertThat(result.interrupted()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.stopMessages()).containsExactly("Interrupted by user");
        assertThat(recorder.reads).hasSize(4);
        // current_pos is the read that was about to start (spec 1.8)
        assertThat(result.map().currentPos()).isEqualTo(0x40000);
        assertThat(result.map().runStatus()).isEqualTo(RunStatus.COPYING);
    }

    @Test
    void shouldPauseOnErrorInSimulatedTime() {
        RescueOptions options = RescueOptions.builder().pauseOnError(3_000_000_000L, false).clusterSectors(1).build();
        long start = clock.epochSeconds();
        RescueResult result = rescuer(0x10000, "bad 0x2000 0x400", options).run();
        assertThat(result.exitCode()).isZero();
        assertThat(clock.epochSeconds() - start).isEqualTo(6); // two failed reads, three seconds each
        assertThat(result.stats().elapsedSeconds()).isEqualTo(6);
    }
}
