package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.stack.testing.MdSuperblockEdit;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue rescue SOURCE... WORKDIR} on the RAID5 fixture edited to be in mid-reshape (which only the VM may
 * read) where qemu cannot be found: the rest done, exit 1.
 */
class RescueCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldFinishTheRestAndExitOneNamingTheInstallLineWhenTheVmIsNeededButMissing() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md10-raid5", dir);
        MdSuperblockEdit.markReshaping(members);
        Path work = dir.resolve("job");
        RescueCommand rescue = new RescueCommand();
        rescue.paths = new ArrayList<>(members);
        rescue.paths.add(work);
        rescue.quiet = true;
        rescue.pathVariable = Files.createDirectories(dir.resolve("no-qemu")).toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = rescue.run(new PrintWriter(out, true), new PrintWriter(err, true), false);

        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).startsWith("qrescue rescue: volumes that need the recovery VM were not copied: "
                + "qemu-system-x86_64 not found on PATH; install it: apt-get install qemu-system-x86")
                .contains("run the same command again").hasLineCount(1);
        assertThat(out.toString()).contains("cannot run here", "Report: ");
        assertThat(work.resolve("report.html")).isRegularFile();
        assertThat(work.resolve("disk3.map")).isRegularFile();
    }

    @Test
    void shouldNameASourceThatCannotBeOpenedAndLeaveNoWorkDirectory() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path work = dir.resolve("job");
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("rescue", dir.resolve("missing.img").toString(), work.toString());
        assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).startsWith("qrescue rescue: " + dir.resolve("missing.img")
                + ": can't open the source").hasLineCount(1);
        assertThat(work).doesNotExist();
    }

    @Test
    void shouldRefuseASingleArgument() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("rescue", dir.toString());
        assertThat(code).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("SOURCE... WORKDIR");
    }
}
