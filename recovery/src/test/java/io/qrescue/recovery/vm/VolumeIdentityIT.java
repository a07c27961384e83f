package io.qrescue.recovery.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.recovery.analysis.StackVolumeCatalog;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.lvmfix.StockForms;
import io.qrescue.recovery.vm.lvmfix.StockRewrite;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.rescue.BootOptions;
import io.qrescue.recovery.vm.rescue.DigestComparison;
import io.qrescue.recovery.vm.rescue.StackReport;
import io.qrescue.recovery.vm.rescue.VolumeDigest;
import io.qrescue.recovery.vm.rescue.VolumeDigests;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import io.qrescue.recovery.volume.ExtractionListener;
import io.qrescue.recovery.volume.ExtractionRequest;
import io.qrescue.recovery.volume.ExtractionResult;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeExtractor;
import io.qrescue.recovery.volume.VolumeLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's identity check: every volume {@code qrescue extract} writes in pure Java (thin volumes and snapshots,
 * upstream and QNAP tier-thin-pool variants) is byte for byte the block device the recovery VM's kernel shows for
 * it, compared per 1 MiB chunk. One VM boot per fixture; the RAID1 fixture gets both members in the VM and is
 * extracted from each member alone; the tier fixture boots through the host's stock rewrite.
 */
@Tag("integration")
class VolumeIdentityIT {
    static final BootOptions OPTIONS = new BootOptions(Accelerator.TCG, 512, Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30));
    static final int CHUNK_BYTES = VolumeDigests.DEFAULT_CHUNK_BYTES;

    static QemuLauncher launcher;

    @TempDir
    Path dir;

    @BeforeAll
    static void launcher() throws Exception {
        launcher = QemuLauncher.fromEnvironment();
    }

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md12-single", "md10-raid1", "md10-tier"})
    void shouldExtractEveryVolumeByteIdenticalToWhatTheRecoveryVmSees(String fixture) throws Exception {
        List<Path> images = new ArrayList<>();
        for (String gz : fixture.equals("md10-raid1") ? List.of("member-a.img.gz", "member-b.img.gz")
                : List.of("disk.img.gz")) {
            images.add(VolumeFixtures.unpack(fixture, gz, dir));
        }
        Map<Path, String> before = new LinkedHashMap<>();
        for (Path image : images) {
            before.put(image, ImageChecksums.sha256(image));
        }
        // as qrescue boot does: a VG stock lvm refuses (tier-thin-pool) is rewritten on the host, restored in the VM
        Map<String, String> stock = new TreeMap<>();
        for (StockRewrite r : StockForms.of(images).byVg().values()) {
            stock.put(r.vgName(), r.restoreText());
        }
        assertThat(stock.keySet()).as("stock rewrites").isEqualTo(fixture.equals("md10-tier") ? java.util.Set.of("vg1")
                : java.util.Set.of());

        VolumeDigests.Outcome vm = new VolumeDigests(new JobRunner(launcher, line -> { }), TestAppliance.get())
                .run(images, stock, CHUNK_BYTES, OPTIONS, dir.resolve("vm"));
        System.out.printf("%s: VM boot %.1f s, whole job %.1f s%n", fixture, vm.job().bootMillis() / 1000.0,
                vm.job().totalMillis() / 1000.0);
        assertThat(vm.report().failures()).extracting(StackReport.Step::describe).isEmpty();
        assertThat(vm.volumes()).extracting(VolumeDigest::name)
                .containsExactlyInAnyOrder("vg1/lv1", "vg1/lv2", "vg1/snap10001");

        for (Path image : images) {
            List<VolumeDigest> extracted = extractAndDigestEveryVolume(image);
            assertThat(DigestComparison.differences(vm.volumes(), "the VM", extracted, "extracted from "
                    + image.getFileName())).as(fixture + ", extracted from " + image.getFileName()).isEmpty();
        }
        for (Path image : images) {
            assertThat(ImageChecksums.sha256(image)).as(image + " unchanged").isEqualTo(before.get(image));
        }
    }

    /** Every volume the stack analysis finds on {@code image}, extracted with no mapfile (all bytes readable). */
    private List<VolumeDigest> extractAndDigestEveryVolume(Path image) throws Exception {
        List<VolumeDigest> out = new ArrayList<>();
        Path outDir = Files.createDirectories(dir.resolve("extracted-" + image.getFileName()));
        try (FileImageSource source = FileImageSource.open(image)) {
            VolumeCatalog catalog = StackVolumeCatalog.factory().open(List.of(new NamedImage(image.getFileName().toString(), source)));
            for (VolumeLocation location : catalog.volumes()) {
                Path file = outDir.resolve(location.name().replace('/', '_') + ".img");
                ExtractionRequest request = new ExtractionRequest(file, ExtractionRequest.defaultMapfile(file),
                        new MapfileHeader("qrescue test", "VolumeIdentityIT", "2026-01-01 00:00:00", null), false,
                        ExtractionRequest.DEFAULT_CHUNK_BYTES);
                ExtractionResult result = new VolumeExtractor().extract(
                        location.source(), request,
                        new ExtractionListener() { });
                assertThat(result.damage()).as(location.name() + " damage").isEmpty();
                try (FileImageSource extracted = FileImageSource.open(file)) {
                    out.add(VolumeDigest.of(location.name(), extracted, CHUNK_BYTES));
                }
                Files.delete(file);
            }
        }
        return out;
    }
}
