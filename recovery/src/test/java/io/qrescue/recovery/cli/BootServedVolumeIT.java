package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.thin.QnapLayoutImages;
import io.qrescue.recovery.vm.TestAppliance;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.rescue.BootRescue;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue boot IMAGE --volume VG/LV} under TCG: the stack read in Java, the volume served over NBD to the
 * stock appliance kernel, which only mounts it. A pool wholly in QNAP's dialect (tier-thin-pool, 8 KiB thin
 * metadata) is read this way, and a sector the mapfile marks bad reaches the guest as an I/O error: that file is
 * listed, never copied as zeros.
 */
@Tag("integration")
class BootServedVolumeIT {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @BeforeAll
    static void appliance() {
        TestAppliance.get();
    }

    private int boot(String... args) {
        List<String> all = new ArrayList<>(List.of("boot", "--cache", TestAppliance.cacheDir().toString(),
                "--accel", "tcg", "--timeout", "900"));
        all.addAll(List.of(args));
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    }

    /** The oracle's "sha256  vg1/LV/path" lines of one volume, in path order. */
    private static List<String> oracle(String variant, String lv) {
        return VolumeFixtures.oracle(variant, "files.sha256").lines()
                .filter(l -> l.substring(66).startsWith("vg1/" + lv + "/")).toList();
    }

    private static List<String> byPath(List<String> sumLines) {
        return sumLines.stream().sorted(Comparator.comparing(l -> l.substring(66))).toList();
    }

    @Test
    void shouldMountVolumesOfAWhollyQnapPoolThatNoStockKernelCanOpen() throws Exception {
        // QNAP's dialect on both levels: tier-thin-pool in the LVM text, 8 KiB version-4 thin metadata
        Path image = VolumeFixtures.unpack("md10-tier", "disk.img.gz", dir);
        QnapLayoutImages.convert(image);
        String before = ImageChecksums.sha256(image);
        Path outDir = dir.resolve("out");

        int code = boot(image.toString(), "--volume", "vg1/lv1", "--volume", "vg1/snap10001", "--out",
                outDir.toString());

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).doesNotContain("stock lvm would refuse").contains("served over NBD");
        List<String> expected = new ArrayList<>(oracle("md10-tier", "lv1"));
        expected.addAll(oracle("md10-tier", "snap10001"));
        assertThat(Files.readAllLines(outDir.resolve(BootRescue.MANIFEST))).isEqualTo(byPath(expected))
                .hasSizeGreaterThan(10);
        assertThat(outDir.resolve(BootRescue.UNREADABLE)).doesNotExist();
        assertThat(ImageChecksums.sha256(image)).isEqualTo(before);
    }

    @Test
    void shouldListTheFileOnABadSectorAndCopyEveryOtherOfTheVolumeAndItsSnapshot() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        long imageBytes = Files.size(image);
        long bad;
        try (FileImageSource source = FileImageSource.open(image)) {
            bad = DemoFaults.findBlock(source, DemoFaults.PATTERN_FILE, 512 << 10);
        }
        assertThat(bad).isPositive();
        Path map = Files.writeString(dir.resolve("disk.map"), String.format("""
                # Mapfile. Created by BootServedVolumeIT
                0x00000000     +               1
                0x00000000  0x%08X  +
                0x%08X  0x00001000  -
                0x%08X  0x%08X  +
                """, bad, bad, bad + 4096, imageBytes - bad - 4096));
        Path outDir = dir.resolve("out");

        int code = boot(image.toString(), "--volume", "vg1/lv1", "--volume", "vg1/snap10001", "--map", map.toString(),
                "--out", outDir.toString());

        assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.CORRUPT_INPUT);
        String damaged = "/pattern-1MiB.txt";
        assertThat(Files.readAllLines(outDir.resolve(BootRescue.UNREADABLE)))
                .containsExactly("vg1/lv1" + damaged, "vg1/snap10001" + damaged);
        assertThat(outDir.resolve("vg1/lv1" + damaged)).doesNotExist();
        List<String> expected = new ArrayList<>(oracle("md10-single", "lv1"));
        expected.addAll(oracle("md10-single", "snap10001"));
        List<String> intact = byPath(expected.stream().filter(l -> !l.endsWith(damaged)).toList());
        assertThat(Files.readAllLines(outDir.resolve(BootRescue.MANIFEST))).isEqualTo(intact);
        assertThat(out.toString()).contains("2 file(s) could not be read").contains("read(s) of the VM with an I/O error");
    }
}
