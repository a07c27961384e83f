package io.qrescue.recovery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.imaging.ImagingRequest;
import io.qrescue.recovery.imaging.ImagingResult;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.testing.MdSuperblockEdit;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import io.qrescue.recovery.vm.volume.VolumeGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rescue job over the three members of the md10-raid5 fixture with their superblocks edited to say a reshape
 * is in progress, an array the Java readers refuse to map: each disk imaged to its own image and map, the fallback
 * (a fake here) asked once for exactly that array, its files
 * laid out like the Java path's with the report honest about what it cannot tell; refused when the sources change;
 * the VM step not redone for the same maps; {@code --vm=never}; a machine without the VM.
 */
class MultiSourcePipelineTest {

    @TempDir
    static Path fixtures;
    static List<Path> members;

    @TempDir
    Path dir;

    /** Records what it is asked; "copies" the fixture's payload the way the VM lays it out: OUT/vg/lv/path. */
    static final class FakeFallback implements VmFallback {
        final List<Request> requests = new ArrayList<>();
        Optional<String> missing = Optional.empty();

        @Override
        public Optional<String> missing() {
            return missing;
        }

        @Override
        public Copy copy(Request request, Path outDir) throws IOException {
            requests.add(request);
            for (Path image : request.images()) {
                assertThat(image).isRegularFile();
            }
            for (Map.Entry<String, byte[]> e : VolumeGenerator.expectedFiles(PayloadFiles.forSeed(1)).entrySet()) {
                Path file = outDir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            // a name that is no VG/LV must not become a path outside files/
            return new Copy(List.of("vg1/lv1", "vg1/lv2", "vg1/snap10001", "../etc"),
                    List.of("mount vg1/extra: FAILED (test)"), "fake");
        }
    }

    private final List<ImagingRequest> imagingRuns = new ArrayList<>();

    @BeforeAll
    static void unpack() throws IOException {
        members = VolumeFixtures.unpackAll("md10-raid5", fixtures);
        MdSuperblockEdit.markReshaping(members);
    }

    private RescuePipeline pipeline(List<Path> sources, Path work, QrescueOptions own, VmFallback.Mode mode,
            VmFallback fallback) {
        return new RescuePipeline(new PipelineOptions(sources, work, 1, 0, 6, TestImaging.QUIET, own, mode),
                TestImaging.recording(imagingRuns), PipelineListener.NONE, fallback);
    }

    @Test
    void shouldImageEveryDiskAndAskTheFallbackOnceForTheArrayJavaCannotMap() throws Exception {
        Path work = dir.resolve("job");
        FakeFallback fake = new FakeFallback();
        PipelineResult result = pipeline(members, work, QrescueOptions.NONE, VmFallback.Mode.AUTO, fake).run();

        assertThat(result.exitCode()).isZero();
        assertThat(result.vmProblem()).isNull();
        for (int i = 0; i < 3; i++) {
            assertThat(Files.mismatch(members.get(i), work.resolve("disk" + (i + 1) + ".img"))).isEqualTo(-1);
            assertThat(work.resolve("disk" + (i + 1) + ".map")).isRegularFile();
        }
        assertThat(work.resolve("disk.img")).doesNotExist();
        // metadata first on every disk: each disk has restricted runs before its whole-disk run
        for (int i = 0; i < 3; i++) {
            String image = work.resolve("disk" + (i + 1) + ".img").toString();
            List<ImagingRequest> runs = imagingRuns.stream().filter(r -> r.outputFile().equals(image)).toList();
            assertThat(TestImaging.restricted(runs.get(0))).isTrue();
            assertThat(TestImaging.restricted(runs.get(runs.size() - 1))).isFalse();
        }
        assertThat(fake.requests).hasSize(1);
        VmFallback.Request asked = fake.requests.get(0);
        assertThat(asked.volumes()).isEmpty(); // on an unmapped array not even the names are known
        assertThat(asked.unmappedArrays()).containsExactly("md1");
        assertThat(asked.images()).containsExactly(work.resolve("disk1.img").toAbsolutePath(),
                work.resolve("disk2.img").toAbsolutePath(), work.resolve("disk3.img").toAbsolutePath());

        String sums = Files.readString(work.resolve("files/vg1-lv1/SHA256SUMS"));
        assertThat(sums).contains(PayloadFiles.sha256(PayloadFiles.afterSnapshot()) + "  after-snapshot.txt");
        for (var e : VolumeGenerator.expectedFiles(PayloadFiles.forSeed(1)).entrySet()) {
            String volume = e.getKey().substring(0, e.getKey().indexOf('/', 4)).replace('/', '-');
            Path file = work.resolve("files").resolve(volume).resolve("files")
                    .resolve(e.getKey().substring(e.getKey().indexOf('/', 4) + 1));
            assertThat(file).as(e.getKey()).hasBinaryContent(e.getValue());
        }
        assertThat(work.resolve(".vm-copy")).doesNotExist();
        assertThat(result.volumes()).extracting(PipelineResult.VolumeOutcome::name)
                .containsExactlyInAnyOrder("vg1/lv1", "vg1/lv2", "vg1/snap10001");
        assertThat(result.volumes()).allMatch(PipelineResult.VolumeOutcome::viaVm);

        String json = Files.readString(work.resolve("report.json"));
        assertThat(json).contains("\"disks\": [", "\"name\": \"disk1.img\"", "\"name\": \"disk3.img\"",
                "no per-file damage list", "Every byte of the disks under it was read", "mount vg1/extra: FAILED",
                "not taken: '../etc' is not a VG/LV name");
        assertThat(work.resolve("etc")).doesNotExist();
        String html = Files.readString(work.resolve("report.html"));
        assertThat(html).contains("id=\"map-picture-1\"", "id=\"map-picture-2\"", "id=\"map-picture-3\"",
                "Map of disk 3: disk3.img");
    }

    @Test
    void shouldRefuseAnotherListOfSourcesForAnExistingJob() throws Exception {
        Path work = dir.resolve("job");
        FakeFallback fake = new FakeFallback();
        // the job stops at its first imaging run: the sources are recorded by then
        RescuePipeline first = new RescuePipeline(new PipelineOptions(members, work, 1, 0, 6, TestImaging.QUIET,
                QrescueOptions.NONE, VmFallback.Mode.AUTO), request -> new ImagingResult(1, Optional.empty()),
                PipelineListener.NONE, fake);
        assertThat(first.run().exitCode()).isEqualTo(1);

        List<Path> swapped = List.of(members.get(1), members.get(0), members.get(2));
        assertThatThrownBy(() -> pipeline(swapped, work, QrescueOptions.NONE, VmFallback.Mode.AUTO, fake).run())
                .hasMessageStartingWith(work.toString()).hasMessageContaining("different disks, or another order?")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> pipeline(members.subList(0, 2), work, QrescueOptions.NONE, VmFallback.Mode.AUTO, fake)
                .run()).hasMessageContaining("3 source(s)").hasMessageContaining("2 source(s)");
        assertThatThrownBy(() -> pipeline(members.subList(0, 1), work, QrescueOptions.NONE, VmFallback.Mode.AUTO, fake)
                .run()).hasMessageContaining("different disks");
        assertThat(imagingRuns).isEmpty();
        assertThat(fake.requests).isEmpty();
    }

    @Test
    void shouldNotBootTheVmAgainForTheSameMapsButAgainWhenAMapChanges() throws Exception {
        Path work = dir.resolve("job");
        Path faults = dir.resolve("faults");
        // 4 KiB of each member's data area (partition 3 starts at 8507392) that reads on the fourth try
        Files.writeString(faults, "soft 0x2000000 0x1000 tries=3\n");
        QrescueOptions args = TestImaging.simulating(faults);
        FakeFallback fake = new FakeFallback();
        assertThat(pipeline(members, work, args, VmFallback.Mode.AUTO, fake).run().exitCode()).isZero();
        assertThat(fake.requests).hasSize(1);
        assertThat(Files.readString(work.resolve("report.json"))).contains(
                "Unreadable bytes that may lie under it: disk1.img (4096 bytes), disk2.img (4096 bytes), disk3.img "
                        + "(4096 bytes); the files they hit (read as zeros) cannot be named");

        assertThat(pipeline(members, work, args, VmFallback.Mode.AUTO, fake).run().upToDate()).isTrue();
        // the report gone: the Java stages run again, the VM step does not (same maps)
        Files.delete(work.resolve("report.html"));
        PipelineResult again = pipeline(members, work, args, VmFallback.Mode.AUTO, fake).run();
        assertThat(again.upToDate()).isFalse();
        assertThat(fake.requests).hasSize(1);
        assertThat(again.volumes()).filteredOn(PipelineResult.VolumeOutcome::viaVm).hasSize(3);
        assertThat(Files.readString(work.resolve("report.json"))).contains("recovery VM: mount vg1/extra: FAILED");
        assertThat(work.resolve("files/vg1-lv2/files")).isDirectory();

        // more retries on disk 2 read its soft sectors: its map changed, so the VM copies again
        int code = TestImaging.image(members.get(1), work.resolve("disk2.img"), work.resolve("disk2.map"),
                TestImaging.QUIET.toBuilder().maxRetries(4).build(), TestImaging.simulating(faults));
        assertThat(code).isZero();
        assertThat(Readability.of(MapfileReader.read(work.resolve("disk2.map"), null).blocks())
                .isReadable(0x2000000, 0x1000)).isTrue();
        pipeline(members, work, args, VmFallback.Mode.AUTO, fake).run();
        assertThat(fake.requests).hasSize(2);
        assertThat(Files.readString(work.resolve("report.json"))).contains("disk1.img (4096 bytes), disk3.img (4096 "
                + "bytes);");
    }

    @Test
    void shouldLeaveTheVmAloneWithVmNever() throws Exception {
        Path work = dir.resolve("job");
        FakeFallback fake = new FakeFallback();
        PipelineResult result = pipeline(members, work, QrescueOptions.NONE, VmFallback.Mode.NEVER, fake).run();
        assertThat(result.exitCode()).isZero();
        assertThat(result.vmProblem()).isNull();
        assertThat(fake.requests).isEmpty();
        assertThat(work.resolve("files")).doesNotExist();
        assertThat(Files.readString(work.resolve("report.json"))).contains("md1 (RAID5): the volumes on it are not "
                + "read", "--vm=never");
        assertThat(pipeline(members, work, QrescueOptions.NONE, VmFallback.Mode.NEVER, fake).run().upToDate()).isTrue();
    }

    @Test
    void shouldSayWhatIsMissingAndTryAgainOnTheNextRunWhenTheVmCannotRun() throws Exception {
        Path work = dir.resolve("job");
        FakeFallback fake = new FakeFallback();
        fake.missing = Optional.of("qemu-system-x86_64 not found on PATH; install it: apt-get install qemu-system-x86");
        List<String> notes = new ArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
        PipelineResult result = new RescuePipeline(new PipelineOptions(members, work, 1, 0, 6, TestImaging.QUIET,
                QrescueOptions.NONE, VmFallback.Mode.AUTO), TestImaging.real(), listener, fake).run();
        assertThat(result.exitCode()).isZero();
        assertThat(result.vmProblem()).isEqualTo(fake.missing.get());
        assertThat(notes).anyMatch(n -> n.contains("apt-get install qemu-system-x86"));
        assertThat(Files.readString(work.resolve("report.json"))).contains("cannot run here: qemu-system-x86_64 not "
                + "found on PATH; install it: apt-get install qemu-system-x86");
        assertThat(fake.requests).isEmpty();

        fake.missing = Optional.empty();
        PipelineResult again = pipeline(members, work, QrescueOptions.NONE, VmFallback.Mode.AUTO, fake).run();
        assertThat(again.upToDate()).isFalse();
        assertThat(again.vmProblem()).isNull();
        assertThat(fake.requests).hasSize(1);
        assertThat(imagingRuns).isEmpty(); // the images were done; only the VM step was missing
    }
}
