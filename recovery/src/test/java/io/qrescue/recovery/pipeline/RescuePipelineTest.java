package io.qrescue.recovery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.ImagingResult;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rescue job on a generated QNAP-like disk: metadata first, resumable, and its outputs. */
@Tag("integration")
class RescuePipelineTest {

    @TempDir
    Path dir;

    private final List<ImagingRequest> imagingRuns = new ArrayList<>();

    private RescuePipeline pipeline(Path disk, Path work, QrescueOptions own) {
        return new RescuePipeline(new PipelineOptions(disk, work, 2, 0, 6, TestImaging.QUIET, own),
                TestImaging.recording(imagingRuns), PipelineListener.NONE);
    }

    @Test
    void shouldImageMetadataFirstThenEverythingAndGetEveryFileOut() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Path work = dir.resolve("job");
        PipelineResult result = pipeline(disk, work, QrescueOptions.NONE).run();

        assertThat(result.exitCode()).isZero();
        // the first imaging runs are restricted to the metadata domain, the whole-disk run comes after them
        assertThat(TestImaging.restricted(imagingRuns.get(0))).isTrue();
        assertThat(TestImaging.restricted(imagingRuns.get(imagingRuns.size() - 1))).isFalse();
        assertThat(imagingRuns.stream().filter(TestImaging::restricted).count()).isBetween(3L, 20L);
        assertThat(Files.mismatch(disk, work.resolve("disk.img"))).isEqualTo(-1);
        String sums = Files.readString(work.resolve("files/vg1-lv1/SHA256SUMS"))
                + Files.readString(work.resolve("files/vg1-lv2/SHA256SUMS"));
        PayloadFiles.forSeed(1).forEach((name, content) -> {
            if (content.length > 0) {
                assertThat(sums).as(name).contains(PayloadFiles.sha256(content));
            }
        });
        assertThat(result.volumes()).extracting(PipelineResult.VolumeOutcome::damagedFiles).containsOnly(0L);
    }

    @Test
    void shouldHaveTheStackMetadataBeforeTheWholeDiskIsRead() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Path work = dir.resolve("job");
        // stop the job when the whole-disk run starts: what discovery imaged must already show every volume
        RescuePipeline p = new RescuePipeline(new PipelineOptions(disk, work, 0, 0, 6, TestImaging.QUIET,
                QrescueOptions.NONE), request -> TestImaging.restricted(request) ? TestImaging.real().image(request)
                        : new ImagingResult(1, Optional.empty()), PipelineListener.NONE);
        assertThat(p.run().exitCode()).isEqualTo(1);
        var map = MapfileReader.read(work.resolve("disk.map"), null).blocks();
        long finished = map.extent().end() - Readability.of(map).unreadableBytes(0, map.extent().end());
        assertThat(finished).isLessThan(map.extent().end() / 2);

        try (var image = io.qrescue.recovery.source.FileImageSource.open(work.resolve("disk.img"))) {
            var analysis = io.qrescue.recovery.analysis.StackAnalysis.analyze(List.of(
                    new io.qrescue.recovery.stack.NamedImage("disk.img", image)));
            assertThat(analysis.volumes()).extracting(v -> v.name())
                    .contains("vg1/lv1", "vg1/lv2", "vg1/snap10001");
            assertThat(analysis.volume("vg1/lv1").mappedBytes()).isGreaterThan(0);
        }
    }

    @Test
    void shouldContinueWhereItStoppedAndRedoOnlyWhatTheNewMapChanges() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Path work = dir.resolve("job");
        Path faults = dir.resolve("faults");
        Files.writeString(faults, "soft 0x2000000 0x1000 tries=3\n"); // 4 KiB that read on the fourth try
        QrescueOptions args = TestImaging.simulating(faults);
        PipelineResult first = pipeline(disk, work, args).run();
        assertThat(first.exitCode()).isZero();
        assertThat(Readability.of(MapfileReader.read(work.resolve("disk.map"), null).blocks())
                .unreadableBytes(0x2000000, 0x1000)).isPositive();

        imagingRuns.clear();
        PipelineResult again = pipeline(disk, work, args).run();
        assertThat(again.upToDate()).isTrue();
        assertThat(imagingRuns).isEmpty();

        // more retries on the same job (a new run counts the soft sectors' failed tries from zero again, so the
        // fourth retry is the one that reads): the soft area is rescued and the outputs are made anew
        imagingRuns.clear();
        int code = TestImaging.image(disk, work.resolve("disk.img"), work.resolve("disk.map"),
                TestImaging.QUIET.toBuilder().maxRetries(4).build(), TestImaging.simulating(faults));
        assertThat(code).isZero();
        assertThat(Readability.of(MapfileReader.read(work.resolve("disk.map"), null).blocks())
                .isReadable(0x2000000, 0x1000)).isTrue();
        PipelineResult third = pipeline(disk, work, args).run();
        assertThat(third.upToDate()).isFalse();
        assertThat(Files.mismatch(disk, work.resolve("disk.img"))).isEqualTo(-1);
    }

    @Test
    void shouldRefuseAnotherDiskForAnExistingJob() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Path work = dir.resolve("job");
        assertThat(pipeline(disk, work, QrescueOptions.NONE).run().exitCode()).isZero();
        Path other = dir.resolve("other.img");
        Files.write(other, new byte[1 << 20]);
        assertThatThrownBy(() -> pipeline(other, work, QrescueOptions.NONE).run())
                .hasMessageContaining("disk.map").hasMessageContaining("a different disk?");
    }
}
