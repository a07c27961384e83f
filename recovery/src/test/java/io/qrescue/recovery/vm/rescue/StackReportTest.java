package io.qrescue.recovery.vm.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackReportTest {

    @Test
    void shouldReadStepsAndSayWhatFailed() {
        StackReport report = StackReport.parse("""
                disk IMG1 ok /dev/vda
                md /dev/md1 ok raid1 readonly degraded=1
                vg - failed Unrecognised segment type tier-thin-pool Cannot process volume group vg1

                garbage
                """);
        assertThat(report.steps()).hasSize(4);
        assertThat(report.copied()).isFalse();
        assertThat(report.failures()).extracting(StackReport.Step::kind).containsExactly("vg", "report");
        assertThat(report.failures().get(0).describe())
                .isEqualTo("vg -: FAILED (Unrecognised segment type tier-thin-pool Cannot process volume group vg1)");
    }

    @Test
    void shouldListMountedFilesystemsAndTheCopy() {
        StackReport report = StackReport.parse("mount vg1/lv1 ok ext4\nmount vg1/lv2 failed bad superblock\ncopy - ok 1 filesystems\n");
        assertThat(report.mounted()).containsExactly("vg1/lv1");
        assertThat(report.copied()).isTrue();
    }

    @Test
    void shouldReadTheGuestSumsWithoutTheLeadingDotSlash() {
        String sum = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(BootRescue.guestSums(sum + "  ./vg1/lv1/a b.txt\n")).isEqualTo(Map.of("vg1/lv1/a b.txt", sum));
    }
}
