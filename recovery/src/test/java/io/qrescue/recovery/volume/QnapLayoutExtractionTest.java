package io.qrescue.recovery.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.thin.QnapLayoutImages;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extraction through QNAP's thin-metadata layout: a fixture pool made by real lvm2 is rewritten in QNAP's layout
 * (8 KiB blocks, version 4, 44-byte records, backups) with the same mappings; every volume extracted from it must
 * be byte-identical to the same volume extracted from the upstream image, which the recovery VM checks against
 * the kernel's own reading (no stock kernel can open the QNAP layout, so this is how that layout is tied to it).
 */
class QnapLayoutExtractionTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md10-tier"})
    void shouldExtractEveryVolumeOfTheQnapLayoutByteForByteAsFromUpstream(String fixture) throws Exception {
        Path upstream = VolumeFixtures.unpack(fixture, "disk.img.gz", Files.createDirectories(dir.resolve("up")));
        Path qnap = VolumeFixtures.unpack(fixture, "disk.img.gz", Files.createDirectories(dir.resolve("qnap")));
        QnapLayoutImages.convert(qnap);
        assertThat(ImageChecksums.sha256(qnap)).isNotEqualTo(ImageChecksums.sha256(upstream));

        Map<String, String> fromUpstream = extractAll(upstream, dir.resolve("out-up"), false);
        Map<String, String> fromQnap = extractAll(qnap, dir.resolve("out-qnap"), true);

        assertThat(fromUpstream).containsOnlyKeys("vg1/lv1", "vg1/lv2", "vg1/snap10001");
        assertThat(fromQnap).isEqualTo(fromUpstream);
    }

    /** Extracts every volume of {@code image}; returns the sha256 of each output by volume name. */
    private static Map<String, String> extractAll(Path image, Path outDir, boolean expectQnap) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        Files.createDirectories(outDir);
        try (FileImageSource source = FileImageSource.open(image)) {
            StackAnalysis analysis = StackAnalysis.analyze(List.of(new NamedImage("disk", source)));
            assertThat(analysis.pools()).hasSize(1);
            var metadata = analysis.pools().get(0).metadata();
            assertThat(metadata.superblock().isQnap()).isEqualTo(expectQnap);
            assertThat(metadata.blockSizeBytes()).isEqualTo(expectQnap ? 8192 : 4096);
            assertThat(metadata.findings()).isEmpty();
            for (AnalyzedVolume v : analysis.volumes()) {
                if (!v.isThin()) {
                    continue;
                }
                Path out = outDir.resolve(v.name().replace('/', '_') + ".img");
                MappedSource reader = v.placements().get(0).open();
                ExtractionResult result = new VolumeExtractor().extract(reader, new ExtractionRequest(out,
                        ExtractionRequest.defaultMapfile(out), new MapfileHeader("test", "test", "2026-11-27 12:00:00",
                        null), false, ExtractionRequest.DEFAULT_CHUNK_BYTES), ExtractionListener.NONE);
                assertThat(result.damagedBytes()).isZero();
                sums.put(v.name(), ImageChecksums.sha256(out));
            }
        }
        return sums;
    }
}
