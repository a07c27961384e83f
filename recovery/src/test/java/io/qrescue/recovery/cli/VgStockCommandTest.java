package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VgStockCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldWriteTheStockFormOfTheTierVariant() throws Exception {
        Path image = VolumeFixtures.unpack("md10-tier", "disk.img.gz", dir);
        Path file = dir.resolve("vg1.vg");
        assertThat(run("vg-stock", image.toString(), "--out", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("VG vg1 on the PV at offset 8507392: stock lvm2 would refuse or misread it\n"
                + "  changed: tp1: segment1: type tier-thin-pool -> thin-pool\n"
                + "wrote " + file + " (vgcfgrestore --force -f " + file + " vg1, on an overlay only)\n");
        assertThat(Files.readString(file)).contains("type = \"thin-pool\"").doesNotContain("tier-thin-pool");
    }

    @Test
    void shouldSayWhenNothingNeedsChanging() throws Exception {
        Path image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        assertThat(run("vg-stock", image.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).endsWith("stock lvm2 reads it as it is\nnothing to change\n");
    }

    @Test
    void shouldSayWhenThereIsNoLvm() throws Exception {
        Path blank = Files.write(dir.resolve("blank.img"), new byte[1 << 20]);
        assertThat(run("vg-stock", blank.toString())).isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(err.toString()).isEqualTo("qrescue: vg-stock: " + blank + ": no LVM label at the start, after an "
                + "md 1.1/1.2 data offset, or in any partition\n");
    }
}
