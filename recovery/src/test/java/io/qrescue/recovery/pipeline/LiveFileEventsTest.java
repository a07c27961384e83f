package io.qrescue.recovery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.rescue.RescueOptions;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.imaging.QrescueOptions;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue rescue} tells each file as it becomes complete while the files round images (at each mapfile save),
 * not after the run: every file told is whole in the image at that moment. The oracle: the image and the mapfile as
 * they were when the file was told, every byte the map does not mark finished overwritten with a pattern, copied out
 * by a job of its own; the file's sha256 is the one the kernel wrote.
 */
@Tag("integration")
class LiveFileEventsTest {

    @TempDir
    Path dir;

    /** One file told: whether an imaging run was under way, and the snapshot of image and map taken then. */
    private record Told(String volume, String path, boolean duringRun, int snapshot) {
    }

    @Test
    void filesAreToldWhileTheFilesRoundImagesAndEachIsWholeInTheMapWhenTold() throws Exception {
        Path disk = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        Path work = dir.resolve("job");
        boolean[] running = {false};
        String[] runningRound = {""};
        List<Told> told = new ArrayList<>();
        List<String> snapshotMaps = new ArrayList<>();
        ImagingStep step = ImagingStep.following((request, progress) -> {
            running[0] = true;
            runningRound[0] = request.options().readLog().orElse("");
            try {
                return TestImaging.real().image(request, progress);
            } finally {
                running[0] = false;
            }
        });
        PipelineListener listener = new PipelineListener() {
            @Override
            public void fileComplete(String volume, String path, long sizeBytes) {
                try {
                    String map = Files.readString(work.resolve("disk.map"));
                    if (snapshotMaps.isEmpty() || !snapshotMaps.get(snapshotMaps.size() - 1).equals(map)) {
                        int n = snapshotMaps.size();
                        Files.copy(work.resolve("disk.img"), dir.resolve("snap" + n + ".img"),
                                StandardCopyOption.REPLACE_EXISTING);
                        Files.writeString(dir.resolve("snap" + n + ".map"), map);
                        snapshotMaps.add(map);
                    }
                    told.add(new Told(volume, path, running[0] && runningRound[0].endsWith("-files.log"),
                            snapshotMaps.size() - 1));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        // a mapfile save after every read, so a file is told as soon as its last byte is imaged
        RescueOptions saveOften = TestImaging.QUIET.toBuilder().mapfileSaveIntervalSeconds(0).build();
        PipelineResult result = new RescuePipeline(new PipelineOptions(List.of(disk), work, 1, 1, 16, saveOften,
                QrescueOptions.NONE, VmFallback.Mode.NEVER, ImagingRound.FILES), step, listener).run();
        assertThat(result.exitCode()).isZero();

        // told while the files round ran, at several saves, each file once
        assertThat(told).isNotEmpty();
        assertThat(told).allMatch(Told::duringRun);
        assertThat(told.stream().map(t -> t.volume() + "/" + t.path()).toList()).doesNotHaveDuplicates();
        assertThat(snapshotMaps.size()).as("saves at which files were told").isGreaterThan(1);

        // each told file is whole in the image as the map stood then: the kernel's sha256
        Map<String, String> oracle = new TreeMap<>();
        for (String line : VolumeFixtures.oracle("md10-single", "files.sha256").split("\n")) {
            if (!line.isBlank()) {
                oracle.put(line.substring(66), line.substring(0, 64));
            }
        }
        Map<Integer, List<Told>> bySnapshot = new LinkedHashMap<>();
        for (Told t : told) {
            bySnapshot.computeIfAbsent(t.snapshot(), k -> new ArrayList<>()).add(t);
        }
        List<Integer> checked = new ArrayList<>(bySnapshot.keySet());
        if (checked.size() > 3) { // the first, one in the middle and the last save: each costs a job of its own
            checked = List.of(checked.get(0), checked.get(checked.size() / 2), checked.get(checked.size() - 1));
        }
        int compared = 0;
        for (int n : checked) {
            Path image = dir.resolve("snap" + n + ".img");
            markUnfinished(image, MapfileReader.read(dir.resolve("snap" + n + ".map"), null).blocks());
            Path copyJob = dir.resolve("copy" + n);
            assertThat(new RescuePipeline(new PipelineOptions(List.of(image), copyJob, 0, 0, 16, TestImaging.QUIET,
                    QrescueOptions.NONE, VmFallback.Mode.NEVER), TestImaging.real(), PipelineListener.NONE).run()
                    .exitCode()).isZero();
            for (Told t : bySnapshot.get(n)) {
                String path = t.path().startsWith("/") ? t.path().substring(1) : t.path();
                String sha = oracle.get(t.volume() + "/" + path);
                if (sha == null) {
                    continue; // a file the kernel's list leaves out (e.g. lost+found's)
                }
                Path sums = copyJob.resolve("files").resolve(t.volume().replace('/', '-')).resolve("SHA256SUMS");
                assertThat(Files.readString(sums)).as(t + " whole when told").contains(sha + "  " + path);
                compared++;
            }
        }
        System.out.printf("files told during the run: %d, at %d saves; %d compared with the kernel's sha256%n", told.size(), snapshotMaps.size(), compared);
        assertThat(compared).isPositive();
    }

    /** Overwrites every byte {@code map} does not mark finished with 0x5A (never a file's content by chance). */
    private static void markUnfinished(Path image, BlockMap map) throws Exception {
        byte[] pattern = new byte[65536];
        Arrays.fill(pattern, (byte) 0x5A);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            for (StatusBlock b : map) {
                if (b.status() == BlockStatus.FINISHED) {
                    continue;
                }
                for (long p = b.pos(); p < b.end(); p += pattern.length) {
                    f.seek(p);
                    f.write(pattern, 0, (int) Math.min(pattern.length, b.end() - p));
                }
            }
        }
    }
}
