package io.qrescue.recovery.vm.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Differences between two sides' digests name the volume and the chunk's offset. */
class DigestComparisonTest {

    @Test
    void shouldFindNoDifferenceBetweenDigestsOfTheSameBytes() throws Exception {
        byte[] bytes = bytes(10_000, 3);
        var a = List.of(VolumeDigest.of("vg1/lv1", new ByteArraySource(bytes), 4096));
        var b = List.of(VolumeDigest.of("vg1/lv1", new ByteArraySource(bytes.clone()), 4096));
        assertThat(DigestComparison.differences(a, "the VM", b, "extracted")).isEmpty();
    }

    @Test
    void shouldNameTheVolumeAndTheOffsetOfEveryChunkThatDiffers() throws Exception {
        byte[] bytes = bytes(3 * 4096, 5);
        byte[] changed = bytes.clone();
        changed[2 * 4096 + 17] ^= 1;
        VolumeDigest vm = VolumeDigest.of("vg1/snap1", new ByteArraySource(bytes), 4096);
        VolumeDigest ex = VolumeDigest.of("vg1/snap1", new ByteArraySource(changed), 4096);
        assertThat(DigestComparison.differences(List.of(vm), "the VM", List.of(ex), "extracted")).containsExactly(
                "vg1/snap1: chunk at offset 8192 (0x2000, 4096 bytes) differs: " + vm.chunkSha256().get(2)
                        + " in the VM, " + ex.chunkSha256().get(2) + " in extracted");
    }

    @Test
    void shouldCompareOnlyTheChunksAFileClaimsWhenItsMapMarksBytesNotFinished() throws Exception {
        byte[] bytes = bytes(4 * 4096, 7);
        byte[] extracted = bytes.clone();
        extracted[4096 + 100] ^= 1; // in chunk 1, whose bytes 4096..4607 the file's map marks not finished
        VolumeDigest vm = VolumeDigest.of("vg1/lv2", new ByteArraySource(bytes), 4096);
        VolumeDigest file = VolumeDigest.of("vg1/lv2", new ByteArraySource(extracted), 4096);
        io.qrescue.mapfile.BlockMap map = io.qrescue.mapfile.BlockMap.of(List.of(
                new io.qrescue.mapfile.StatusBlock(0, 4096, io.qrescue.mapfile.BlockStatus.FINISHED),
                new io.qrescue.mapfile.StatusBlock(4096, 512, io.qrescue.mapfile.BlockStatus.NON_TRIED),
                new io.qrescue.mapfile.StatusBlock(4608, 3 * 4096 - 512, io.qrescue.mapfile.BlockStatus.FINISHED)));
        var unclaimed = DigestComparison.unclaimedChunks(map, 4096, 4);
        assertThat(unclaimed).containsExactly(1);
        DigestComparison.Verdict ok = DigestComparison.verify(vm, file, "lv2.img", unclaimed);
        assertThat(ok.differences()).isEmpty();
        assertThat(ok.unclaimedChunks()).isEqualTo(1);
        assertThat(ok.unclaimedDiffering()).isEqualTo(1);

        extracted[3 * 4096 + 5] ^= 1; // a byte the map marks finished: silently wrong, the check fails
        VolumeDigest wrong = VolumeDigest.of("vg1/lv2", new ByteArraySource(extracted), 4096);
        assertThat(DigestComparison.verify(vm, wrong, "lv2.img", unclaimed).differences()).singleElement().asString()
                .contains("chunk at offset 12288");
        assertThat(DigestComparison.verify(vm, file, "lv2.img", new java.util.TreeSet<>()).differences())
                .singleElement().asString().contains("chunk at offset 4096");
    }

    @Test
    void shouldSayWhichSideLacksAVolumeAndWhenSizesDiffer() throws Exception {
        VolumeDigest full = VolumeDigest.of("vg1/lv1", new ByteArraySource(bytes(8192, 1)), 4096);
        VolumeDigest cut = VolumeDigest.of("vg1/lv1", new ByteArraySource(java.util.Arrays.copyOf(bytes(8192, 1),
                4096)), 4096);
        VolumeDigest other = VolumeDigest.of("vg1/lv2", new ByteArraySource(new byte[10]), 4096);
        VolumeDigest third = VolumeDigest.of("vg1/lv3", new ByteArraySource(new byte[10]), 4096);
        assertThat(DigestComparison.differences(List.of(full, other), "the VM", List.of(cut, third), "extracted"))
                .containsExactly("vg1/lv1: 8192 bytes in the VM, 4096 in extracted",
                        "vg1/lv2: only the VM has it", "vg1/lv3: only extracted has it");
    }

    @Test
    void shouldCatchAWholeDigestThatDisagreesWithEqualChunks() {
        String x = "1".repeat(64);
        VolumeDigest a = new VolumeDigest("v/a", 512, 512, "2".repeat(64), List.of(x));
        VolumeDigest b = new VolumeDigest("v/a", 512, 512, "3".repeat(64), List.of(x));
        assertThat(DigestComparison.differences(List.of(a), "L", List.of(b), "R")).singleElement().asString()
                .startsWith("v/a: every chunk agrees but the whole-volume sha256 does not");
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
