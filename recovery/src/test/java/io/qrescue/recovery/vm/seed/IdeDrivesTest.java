package io.qrescue.recovery.vm.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.vm.qemu.DiskAccess;
import io.qrescue.recovery.vm.qemu.VmDisk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdeDrivesTest {

    @Test
    void shouldAttachImagesOnlyBehindAnOverlayAndTheOutputDiskWritable() {
        List<String> args = IdeDrives.arguments(List.of(VmDisk.protectedImage("IMG1", Path.of("/x/a,b.img")),
                new VmDisk("QOUT", Path.of("/x/out.img"), DiskAccess.WRITABLE)));
        assertThat(args).containsExactly(
                "-drive", "file=/x/a,,b.img,format=raw,if=ide,index=0,media=disk,snapshot=on",
                "-drive", "file=/x/out.img,format=raw,if=ide,index=1,media=disk,cache=writeback,werror=report,"
                        + "rerror=report");
        assertThat(DiskBus.IDE.deviceName(1)).isEqualTo("/dev/sdb");
        assertThat(DiskBus.VIRTIO.deviceName(0)).isEqualTo("/dev/vda");
    }

    @Test
    void shouldSayWhenIdeHasNoRoomLeft() {
        List<VmDisk> five = List.of(1, 2, 3, 4, 5).stream()
                .map(i -> VmDisk.protectedImage("IMG" + i, Path.of("/x/" + i))).toList();
        assertThatThrownBy(() -> IdeDrives.arguments(five)).hasMessageContaining("use --disk-bus virtio");
    }
}
