package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.stack.thin.QnapLayoutImages;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases of {@link CorruptionCampaign} that once failed, run by their seeds: md superblocks whose raid_disks was
 * edited (checksum recomputed) or overwritten by a random run made the md reading run out of heap or hang.
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
        assertThat(counts.failures).as(counts.toString()).isEmpty();
        assertThat(counts.internalErrors).isZero();
        assertThat(counts.silentlyWrong).isZero();
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
