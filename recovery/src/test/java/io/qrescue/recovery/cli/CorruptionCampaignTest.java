package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.analysis.FixtureOracle;
import io.qrescue.recovery.stack.thin.QnapLayoutImages;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred seeded corruptions of md, LVM and thin metadata on the committed fixtures, upstream and QNAP layout
 * ({@link CorruptionCampaign}): no exception escapes, no case hangs, and no volume is ever extracted with exit 0
 * while a byte its map marks finished is wrong. The integration test runs thousands.
 */
class CorruptionCampaignTest {

    @TempDir
    Path dir;

    @Test
    void shouldNeverHandOutWrongBytesAsGoodOnesUnderCorruptedMetadata() throws Exception {
        CorruptionCampaign.Counts counts = new CorruptionCampaign.Counts();
        Path single = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        CorruptionCampaign.Fixture upstream = CorruptionCampaign.fixture("md10-single", List.of(single));
        CorruptionCampaign.checkTruth(upstream, new FixtureOracle("md10-single"), single);
        CorruptionCampaign.run(upstream, 20261207L, 150, counts);
        Path qnap = VolumeFixtures.unpack("md12-single", "disk.img.gz", dir);
        QnapLayoutImages.convert(qnap);
        CorruptionCampaign.Fixture qnapFixture = CorruptionCampaign.fixture("md12-single-qnap", List.of(qnap));
        CorruptionCampaign.checkTruth(qnapFixture, new FixtureOracle("md12-single"), qnap);
        CorruptionCampaign.run(qnapFixture, 12L, 150, counts);
        System.out.println("corruption campaign: " + counts);
        counts.missingExamples.forEach(m -> System.out.println("  not found: " + m));
        assertThat(counts.failures).as(counts.toString()).isEmpty();
        assertThat(counts.silentlyWrong).isZero();
        assertThat(counts.internalErrors).isZero();
        assertThat(counts.cases).isEqualTo(300);
    }
}
