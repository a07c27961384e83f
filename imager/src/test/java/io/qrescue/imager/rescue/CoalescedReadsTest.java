package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.testing.DdrescueCommand;
import io.qrescue.imager.testing.MapText;
import io.qrescue.imager.testing.PatternDevice;
import io.qrescue.imager.testing.RescueRig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At a queue depth above 1 a healthy stretch is read in coalesced device reads larger than a cluster, while the
 * map and the reads log keep ddrescue's cluster reads; at depth 1 no device read is larger than a cluster; a
 * coalesced read that meets a bad sector is logged as one read, not used, and the map is depth 1's.
 */
class CoalescedReadsTest {

    private static final int SIZE = 8 << 20;
    private static final int CLUSTER = 64 << 10;
    private static final long BAD = 0x300000 + 0x1000;

    @TempDir
    Path tmp;

    /** Records the size of every read that reaches the device. */
    private static final class SizeRecordingDevice implements BlockDevice {
        final BlockDevice base;
        final List<Integer> readSizes = Collections.synchronizedList(new ArrayList<>());

        SizeRecordingDevice(BlockDevice base) {
            this.base = base;
        }

        @Override
        public long size() {
            return base.size();
        }

        @Override
        public int sectorSize() {
            return base.sectorSize();
        }

        @Override
        public ReadOutcome read(long pos, ByteBuffer dst) {
            readSizes.add(dst.remaining());
            return base.read(pos, dst);
        }

        @Override
        public void close() throws IOException {
            base.close();
        }
    }

    @Test
    void shouldReadAHealthyStretchInReadsLargerThanAClusterAtDepthSixteenOnly() throws Exception {
        SizeRecordingDevice one = new SizeRecordingDevice(new PatternDevice(SIZE, 512, 7));
        SizeRecordingDevice deep = new SizeRecordingDevice(new PatternDevice(SIZE, 512, 7));
        RescueRig.StepResult a = new RescueRig(one, 1).run(command(), tmp);
        RescueRig.StepResult b = new RescueRig(deep, 16).run(command(), tmp);

        assertThat(one.readSizes).hasSize(SIZE / CLUSTER).allMatch(size -> size == CLUSTER);
        assertThat(deep.readSizes).allMatch(size -> size <= RescueSession.COALESCED_READ_BYTES)
                .anyMatch(size -> size == RescueSession.COALESCED_READ_BYTES);
        assertThat(deep.readSizes.size()).isLessThan(SIZE / CLUSTER / 4);
        assertThat(MapText.dataLines(b.mapText())).isEqualTo(MapText.dataLines(a.mapText()))
                .contains("0x00000000  0x00800000  +");
        assertThat(MapText.dataLines(b.readsLog())).isEqualTo(MapText.dataLines(a.readsLog()))
                .hasSize(SIZE / CLUSTER);
    }

    @Test
    void shouldDiscardACoalescedReadThatMeetsABadSectorAndEndWithDepthOnesMap() throws Exception {
        Files.writeString(tmp.resolve("testmap.map"), String.format("0x00000000     +               1%n0x%08X  0x%08X  +%n0x%08X  0x%08X  -%n"
                + "0x%08X  0x%08X  +%n", 0, BAD, BAD, 512, BAD + 512, SIZE - BAD - 512));
        RescueRig.StepResult a = new RescueRig(new PatternDevice(SIZE, 512, 7), 1).run(command("-H", "testmap.map"),
                tmp);
        RescueRig.StepResult b = new RescueRig(new PatternDevice(SIZE, 512, 7), 16).run(command("-H", "testmap.map"),
                tmp);

        assertThat(MapText.dataLines(b.mapText())).isEqualTo(MapText.dataLines(a.mapText()));
        assertThat(MapText.dataLines(a.mapText())).contains("0x00301000  0x00000200  -");
        List<String> readsOne = MapText.dataLines(a.readsLog());
        List<String> readsDeep = MapText.dataLines(b.readsLog());
        assertThat(readsOne).allMatch(line -> Long.decode(line.split("\t")[1]) <= CLUSTER);
        // the coalesced read over the bad sector: logged as made (1 MiB, partly failed), then not used
        assertThat(readsDeep).anyMatch(line -> line.split("\t")[1].equals(String.valueOf(1 << 20))
                && !line.split("\t")[3].equals("0"));
        assertThat(readsDeep).containsSubsequence(readsOne);
    }

    private static DdrescueCommand command(String... extra) {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("-q", "src", "out", "map"));
        return DdrescueCommand.parse(args);
    }
}
