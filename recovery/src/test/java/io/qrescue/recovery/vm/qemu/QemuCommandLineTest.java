package io.qrescue.recovery.vm.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.vm.VmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuCommandLineTest {

    private static VmSpec spec(List<VmDisk> disks) {
        return new VmSpec(Path.of("/c/vmlinuz"), Path.of("/c/initramfs.cpio.gz"), "qrescue.mode=job", 512,
                Accelerator.TCG, disks, List.of());
    }

    @Test
    void shouldAttachEachDiskAsIfNoneDriveWithAVirtioDeviceCarryingTheSerial() {
        List<String> args = QemuCommandLine.build("qemu", spec(List.of(
                new VmDisk("IMG1", Path.of("/d/a.img"), DiskAccess.SNAPSHOT),
                new VmDisk("QJOB", Path.of("/w/job.tar"), DiskAccess.READ_ONLY),
                new VmDisk("QOUT", Path.of("/w/out.img"), DiskAccess.WRITABLE))), true);
        assertThat(String.join(" ", args)).contains(
                "-drive file=/d/a.img,format=raw,if=none,id=d0,snapshot=on -device virtio-blk-pci,drive=d0,serial=IMG1",
                "-drive file=/w/job.tar,format=raw,if=none,id=d1,readonly=on -device virtio-blk-pci,drive=d1,serial=QJOB",
                "-drive file=/w/out.img,format=raw,if=none,id=d2,cache=writeback,werror=report,rerror=report "
                        + "-device virtio-blk-pci,drive=d2,serial=QOUT");
    }

    @Test
    void shouldBootTheKernelQuietlyOnTheSerialConsoleWithoutRebooting() {
        List<String> args = QemuCommandLine.build("/usr/bin/qemu-system-x86_64", spec(List.of()), true);
        assertThat(args.get(0)).isEqualTo("/usr/bin/qemu-system-x86_64");
        assertThat(args).containsSubsequence("-accel", "tcg").containsSubsequence("-serial", "stdio")
                .containsSubsequence("-kernel", "/c/vmlinuz").containsSubsequence("-initrd", "/c/initramfs.cpio.gz")
                .contains("-nodefaults", "-no-reboot")
                .containsSubsequence("-append", "console=ttyS0 quiet loglevel=3 panic=-1 no_timer_check qrescue.mode=job");
        assertThat(QemuCommandLine.build("q", spec(List.of()), false)).containsSubsequence("-serial", "mon:stdio");
    }

    @Test
    void shouldEscapeCommasInFileNames() {
        String option = QemuCommandLine.driveOption(new VmDisk("IMG1", Path.of("/d/a,b.img"), DiskAccess.SNAPSHOT), "d0");
        assertThat(option).startsWith("file=/d/a,,b.img,format=raw");
    }

    @Test
    void shouldReadAnNbdExportOverItsUnixSocketReadOnly() {
        String option = QemuCommandLine.driveOption(VmDisk.nbdExport("VOL1", Path.of("/tmp/q,x/v1.sock")), "d3");
        assertThat(option).isEqualTo("driver=raw,file.driver=nbd,file.server.type=unix,"
                + "file.server.path=/tmp/q,,x/v1.sock,if=none,id=d3,readonly=on");
        assertThat(VmDisk.nbdExport("VOL1", Path.of("/s")).isFile()).isFalse();
        assertThat(VmDisk.protectedImage("IMG1", Path.of("/i")).isFile()).isTrue();
    }

    @Test
    void shouldRejectSerialsTheGuestCannotSee() {
        assertThatThrownBy(() -> new VmDisk("x".repeat(21), Path.of("a"), DiskAccess.SNAPSHOT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VmDisk("a b", Path.of("a"), DiskAccess.SNAPSHOT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec(List.of(VmDisk.protectedImage("A", Path.of("x")),
                VmDisk.protectedImage("A", Path.of("y"))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSayHowToInstallQemuWhenItIsNotOnPath(@TempDir Path emptyDir) {
        assertThat(QemuLauncher.locate(emptyDir + ":/nonexistent")).isEmpty();
        assertThatThrownBy(() -> QemuLauncher.fromPath(emptyDir.toString())).isInstanceOf(VmException.class)
                .hasMessage("qemu-system-x86_64 not found on PATH; install it: apt-get install qemu-system-x86");
    }

    @Test
    void shouldFindQemuInTheFirstPathDirectoryThatHasIt(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path qemu = Files.createFile(bin.resolve("qemu-system-x86_64"));
        qemu.toFile().setExecutable(true);
        assertThat(QemuLauncher.locate(dir.resolve("none") + ":" + bin)).contains(qemu);
    }

    @Test
    void shouldNameAMissingKernelBeforeStartingAnything(@TempDir Path dir) {
        QemuLauncher launcher = new QemuLauncher(Path.of("/bin/true"));
        VmSpec spec = new VmSpec(dir.resolve("vmlinuz"), null, "", 256, Accelerator.TCG, List.of(), List.of());
        assertThatThrownBy(() -> launcher.start(spec, null, dir)).isInstanceOf(VmException.class)
                .hasMessage(dir.resolve("vmlinuz") + ": no such kernel (not a regular file)");
    }
}
