package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.analysis.FixtureOracle;
import io.qrescue.recovery.stack.thin.QnapLayoutImages;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of seeded corruptions ({@link CorruptionCampaign}) over the committed fixtures Java reads (md 1.0 and
 * 1.2, RAID1 with both members, the QNAP tier-thin-pool VG) and the QNAP metadata layout of two of them, in one JVM:
 * no exception escapes, no case hangs, no wrong byte is ever handed out as good. Prints the counts by kind.
 */
@Tag("integration")
class CorruptionCampaignIT {

    private static final int CASES_PER_FIXTURE = 1000;

    @TempDir
    Path dir;

    @Test
    void shouldNeverHandOutWrongBytesAsGoodOnesUnderThousandsOfCorruptions() throws Exception {
        CorruptionCampaign.Counts counts = new CorruptionCampaign.Counts();
        long seed = 1;
        for (String name : VolumeFixtures.NAMES) {
            if (name.equals("md10-raid5") || name.equals("md12-raid6")) {
                // the campaign patches image 0 where FixtureStack finds the metadata on it; a RAID5/6 stripes its
                // metadata over the members (their damage is MdArrayDamageIT's and CorruptionCampaignSeedsTest's)
                continue;
            }
            Path sub = Files.createDirectories(dir.resolve(name));
            List<Path> images = VolumeFixtures.unpackAll(name, sub);
            CorruptionCampaign.Fixture fixture = CorruptionCampaign.fixture(name, images);
            CorruptionCampaign.checkTruth(fixture, new FixtureOracle(name), images.get(0));
            CorruptionCampaign.run(fixture, seed++, CASES_PER_FIXTURE, counts);
            for (Path image : images) {
                Files.delete(image);
            }
        }
        for (String name : List.of("md10-single", "md12-single")) {
            Path sub = Files.createDirectories(dir.resolve(name + "-qnap"));
            Path image = VolumeFixtures.unpack(name, "disk.img.gz", sub);
            QnapLayoutImages.convert(image);
            CorruptionCampaign.Fixture fixture = CorruptionCampaign.fixture(name + "-qnap", List.of(image));
            CorruptionCampaign.checkTruth(fixture, new FixtureOracle(name), image);
            CorruptionCampaign.run(fixture, seed++, CASES_PER_FIXTURE, counts);
            Files.delete(image);
        }
        System.out.println("corruption campaign: " + counts);
        counts.missingExamples.forEach(m -> System.out.println("  not found: " + m));
        assertThat(counts.failures).as(counts.toString()).isEmpty();
        assertThat(counts.silentlyWrong).isZero();
        assertThat(counts.internalErrors).isZero();
        assertThat(counts.cases).isEqualTo(CASES_PER_FIXTURE * (VolumeFixtures.NAMES.length - 2 + 2));
    }
}
