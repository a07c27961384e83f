package io.qrescue.recovery.vm.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadFilesTest {

    @Test
    void shouldMakeTheSameFilesForTheSameSeed() {
        assertThat(PayloadFiles.sha256List(PayloadFiles.forSeed(1))).isEqualTo(PayloadFiles.sha256List(PayloadFiles.forSeed(1)));
        assertThat(PayloadFiles.sha256List(PayloadFiles.forSeed(2))).isNotEqualTo(PayloadFiles.sha256List(PayloadFiles.forSeed(1)));
    }

    @Test
    void shouldExpectLv1Lv2AndTheSnapshotWithoutTheLaterFile() {
        Map<String, byte[]> payload = PayloadFiles.forSeed(1);
        Map<String, byte[]> expected = VolumeGenerator.expectedFiles(payload);
        assertThat(expected).containsKeys("vg1/lv1/hello.txt", "vg1/lv2/readme.txt", "vg1/snap10001/hello.txt",
                "vg1/lv1/after-snapshot.txt", "vg1/lv1/sub dir/name with spaces.txt", "vg1/lv1/empty.txt");
        assertThat(expected).doesNotContainKey("vg1/snap10001/after-snapshot.txt");
        long lv1 = payload.keySet().stream().filter(p -> p.startsWith("lv1/")).count();
        assertThat(expected.keySet().stream().filter(p -> p.startsWith("vg1/snap10001/")).count()).isEqualTo(lv1);
    }

    @Test
    void shouldListSumsLikeSha256sum() {
        assertThat(PayloadFiles.sha256List(Map.of("a", new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\n");
    }
}
