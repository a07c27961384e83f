package io.qrescue.recovery.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.rescue.BootOptions;
import io.qrescue.recovery.vm.rescue.BootRescue;
import io.qrescue.recovery.vm.rescue.StackReport;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import io.qrescue.recovery.vm.volume.VolumeGenerator;
import io.qrescue.recovery.vm.volume.VolumeVariant;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance end to end under TCG: generate a volume, get every file back with its sha256, the image
 * unchanged; a RAID1 from both members; the QNAP segment type refused plainly by stock lvm; bad input.
 */
@Tag("integration")
class ApplianceIT {
    static Appliance appliance;
    static QemuLauncher launcher;
    static final BootOptions OPTIONS = new BootOptions(Accelerator.TCG, 512, Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(15));

    @TempDir
    Path dir;

    @BeforeAll
    static void buildAppliance() throws Exception {
        launcher = QemuLauncher.fromEnvironment();
        appliance = TestAppliance.get();
    }

    private static JobRunner runner() {
        return new JobRunner(launcher, line -> { });
    }

    private BootRescue.Outcome boot(List<Path> images, Path out) throws Exception {
        return new BootRescue(runner(), appliance).run(images, out, OPTIONS);
    }

    private static String expectedManifest() {
        return PayloadFiles.sha256List(VolumeGenerator.expectedFiles(PayloadFiles.forSeed(1)));
    }

    @Test
    void shouldGetEveryFileOfAGeneratedVolumeBackWithTheImageUnchanged() throws Exception {
        Path image = dir.resolve("gen.img");
        var volume = new VolumeGenerator(runner(), appliance, Accelerator.TCG)
                .make(new VolumeGenerator.Request(VolumeVariant.MD10_SINGLE, image, 96L << 20, 1), dir.resolve("w1"));
        assertThat(volume.members()).containsExactly(image);
        assertThat(Files.readString(volume.oracleDir().resolve("files.sha256"))).isEqualTo(expectedManifest());
        String before = ImageChecksums.sha256(image);

        Path out = dir.resolve("out");
        BootRescue.Outcome outcome = boot(List.of(image), out);

        assertThat(outcome.report().failures()).isEmpty();
        assertThat(outcome.report().mounted()).containsExactlyInAnyOrder("vg1/lv1", "vg1/lv2", "vg1/snap10001");
        assertThat(Files.readString(out.resolve(BootRescue.MANIFEST))).isEqualTo(expectedManifest());
        // the manifest is the host's own hashing of what it unpacked; check a file directly as well
        assertThat(Files.readAllBytes(out.resolve("vg1/lv1/random-196613.bin")))
                .isEqualTo(PayloadFiles.forSeed(1).get("lv1/random-196613.bin"));
        assertThat(out.resolve("vg1/snap10001/after-snapshot.txt")).doesNotExist();
        assertThat(out.resolve(".qrescue-work")).doesNotExist();
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
    }

    @Test
    void shouldAssembleTheRaid1FromBothMembers() throws Exception {
        Path a = VolumeFixtures.unpack("md10-raid1", "member-a.img.gz", dir);
        Path b = VolumeFixtures.unpack("md10-raid1", "member-b.img.gz", dir);
        String sumA = ImageChecksums.sha256(a);
        String sumB = ImageChecksums.sha256(b);
        Path out = dir.resolve("out");
        BootRescue.Outcome outcome = boot(List.of(b, a), out);
        assertThat(outcome.report().failures()).isEmpty();
        assertThat(outcome.report().steps()).anyMatch(s -> s.kind().equals("md") && s.message().contains("degraded=0"));
        assertThat(Files.readString(out.resolve(BootRescue.MANIFEST))).isEqualTo(expectedManifest());
        assertThat(ImageChecksums.sha256(a)).isEqualTo(sumA);
        assertThat(ImageChecksums.sha256(b)).isEqualTo(sumB);
    }

    @Test
    void shouldReportPlainlyThatStockLvmRefusesQnapsTierSegmentType() throws Exception {
        Path image = VolumeFixtures.unpack("md10-tier", "disk.img.gz", dir);
        String before = ImageChecksums.sha256(image);
        BootRescue.Outcome outcome = boot(List.of(image), dir.resolve("out"));
        assertThat(outcome.report().copied()).isFalse();
        assertThat(outcome.report().failures()).extracting(StackReport.Step::message)
                .anyMatch(m -> m.contains("tier-thin-pool"));
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
    }

    @Test
    void shouldGetTheTierVolumesFilesWhenTheHostSuppliesStockMetadata() throws Exception {
        // the host reads the QNAP VG from the image and rewrites it into stock form, as qrescue boot does by itself
        Path image = VolumeFixtures.unpack("md10-tier", "disk.img.gz", dir);
        String before = ImageChecksums.sha256(image);
        var forms = io.qrescue.recovery.vm.lvmfix.StockForms.of(List.of(image));
        assertThat(forms.byVg()).containsOnlyKeys("vg1");
        String stock = forms.byVg().get("vg1").restoreText();
        Path out = dir.resolve("out");
        BootRescue.Outcome outcome = new BootRescue(runner(), appliance).run(List.of(image), out, OPTIONS,
                java.util.Map.of("vg1", stock));
        assertThat(outcome.report().failures()).isEmpty();
        assertThat(outcome.report().steps()).anyMatch(s -> s.kind().equals("restore") && s.ok());
        assertThat(Files.readString(out.resolve(BootRescue.MANIFEST))).isEqualTo(expectedManifest());
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
    }

    @Test
    void shouldSayThereIsNoMdOrLvmOnABlankImage() throws Exception {
        Path image = dir.resolve("blank.img");
        try (RandomAccessFile raf = new RandomAccessFile(image.toFile(), "rw")) {
            raf.setLength(64L << 20);
        }
        BootRescue.Outcome outcome = boot(List.of(image), dir.resolve("out"));
        assertThat(outcome.report().copied()).isFalse();
        assertThat(outcome.report().failures()).extracting(StackReport.Step::describe)
                .contains("md -: FAILED (no md superblock on any disk)");
        assertThat(outcome.fileCount()).isZero();
        assertThat(ImageChecksums.sha256(image)).isEqualTo(ImageChecksums.sha256(blank(dir.resolve("b2.img"))));
    }

    private static Path blank(Path file) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(64L << 20);
        }
        return file;
    }

    @Test
    void shouldStopCleanlyWhenTheOutputDirectoryIsFull() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        String before = ImageChecksums.sha256(image);
        Path small = Files.createDirectories(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", small.toString())
                .inheritIO().start();
        assumeTrue(mount.waitFor() == 0, "tmpfs mount not allowed here");
        try {
            Path out = small.resolve("out");
            assertThatThrownBy(() -> boot(List.of(image), out)).isInstanceOf(VmException.class)
                    .hasMessageContaining("output directory full: " + out);
            try (Stream<Path> left = Files.walk(out)) {
                // only the console log stays, for diagnosis; no half-unpacked files, no disks
                assertThat(left.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList())
                        .containsExactly("console.log");
            }
            assertThat(ProcessHandle.allProcesses().filter(p -> p.parent().map(pp -> pp.pid()
                    == ProcessHandle.current().pid()).orElse(false)).filter(p -> p.info().command().orElse("")
                    .contains("qemu")).count()).isZero();
        } finally {
            new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
        }
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
    }

    @Test
    void shouldRefuseAnOutputDirectoryThatIsNotEmpty() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("old.txt"), "x");
        assertThatThrownBy(() -> boot(List.of(blank(dir.resolve("x.img"))), out)).isInstanceOf(VmException.class)
                .hasMessage(out + ": output directory exists and is not empty");
    }
}
