package io.qrescue.recovery.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.appliance.ApplianceBuild;
import io.qrescue.recovery.vm.appliance.ApplianceBuilder;
import io.qrescue.recovery.vm.appliance.CpioContents;
import java.nio.file.Files;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real build from this host's packages: reused while the stamp matches; the archive holds what /init needs. */
@Tag("integration")
class ApplianceBuildIT {

    @Test
    void shouldReuseTheBuildWhileTheStampMatchesAndHoldTheLoaderAndTools() throws Exception {
        TestAppliance.get();
        ApplianceBuild again = new ApplianceBuilder().ensure(TestAppliance.cacheDir());
        assertThat(again.rebuilt()).isFalse();
        assertThat(Files.readString(again.appliance().cacheDir().resolve("stamp.txt")))
                .isEqualTo(again.appliance().stamp().text())
                .contains("package mdadm ", "package lvm2 ", "package busybox-static ", "kernel ");
        var names = CpioContents.names(again.appliance().initramfs());
        assertThat(names).contains("init", "lib64/ld-linux-x86-64.so.2", "usr/sbin/lvm", "usr/sbin/mdadm",
                "usr/sbin/pdata_tools", "usr/sbin/thin_dump", "usr/sbin/debugfs", "bin/busybox", "bin/sh",
                "etc/lvm/lvm.conf", "etc/qrescue/modules.order");
        assertThat(names).anyMatch(n -> n.endsWith("/dm-thin-pool.ko")).anyMatch(n -> n.endsWith("/raid1.ko"));
    }
}
