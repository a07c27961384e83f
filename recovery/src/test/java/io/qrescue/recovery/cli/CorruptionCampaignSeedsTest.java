package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.stack.thin.QnapLayoutImages;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases of {@link CorruptionCampaign} that once failed, run by their seeds: md superblocks whose raid_disks was
 * edited (checksum recomputed) or overwritten by a random run made the md reading run out of heap or hang; and
 * raid_disks set to values around and far beyond a plausible count: each ends in time, and no volume is read
 * with wrong bytes marked good.
 */
class CorruptionCampaignSeedsTest {

    @TempDir
    Path dir;

    @Test
    void shouldAnswerForCorruptedRaidDisksOnUpstreamLayout() throws Exception {
        Path single = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        CorruptionCampaign.Fixture fixture = CorruptionCampaign.fixture("md10-single", List.of(single));
        CorruptionCampaign.Counts counts = new CorruptionCampaign.Counts();
        for (long seed : new long[] {5762663328528670070L, -1953054598461363071L}) {
            CorruptionCampaign.runCase(fixture, seed, counts);
        }
        // raid_disks of this RAID1 (2, max_dev 128) edited as the campaign does, wrapped, and at random
        Random r = new Random(20261207L);
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 3L, 10L, 128L, 129L, 0xfffffffaL, 0xffffffffL));
        for (int i = 0; i < 4; i++) {
            values.add(2L + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(8)) & 0xffffffffL);
            values.add(r.nextLong() & 0xffffffffL);
        }
        int before = counts.notReadable;
        for (long raidDisks : values) {
            CorruptionCampaign.runRaidDisks(fixture, raidDisks, -1, counts);
        }
        // the largest table a 1.x superblock holds: a mirror of 1920 roles, one present, is read degraded
        CorruptionCampaign.runRaidDisks(fixture, 1920, 1920, counts);
        CorruptionCampaign.runRaidDisks(fixture, 1921, 1920, counts);
        assertThat(counts.failures).as(counts.toString()).isEmpty();
        assertThat(counts.internalErrors).isZero();
        assertThat(counts.silentlyWrong).isZero();
        assertThat(counts.notReadable - before).as("volumes refused for an implausible raid_disks").isPositive();
    }

    @Test
    void shouldAnswerForCorruptedRaidDisksOnQnapLayout() throws Exception {
        Path qnap = VolumeFixtures.unpack("md12-single", "disk.img.gz", dir);
        QnapLayoutImages.convert(qnap);
        CorruptionCampaign.Fixture fixture = CorruptionCampaign.fixture("md12-single-qnap", List.of(qnap));
        CorruptionCampaign.Counts counts = new CorruptionCampaign.Counts();
        CorruptionCampaign.runCase(fixture, 3383877170232910930L, counts);
        assertThat(counts.failures).as(counts.toString()).isEmpty();
        assertThat(counts.internalErrors).isZero();
        assertThat(counts.silentlyWrong).isZero();
    }
}
