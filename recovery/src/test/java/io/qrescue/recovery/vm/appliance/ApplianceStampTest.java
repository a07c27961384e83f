package io.qrescue.recovery.vm.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.vm.VmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplianceStampTest {

    @Test
    void shouldListPackagesSortedWhateverTheMapOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("mdadm", "4.2-5");
        a.put("busybox-static", "1:1.35");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("busybox-static", "1:1.35");
        b.put("mdadm", "4.2-5");
        ApplianceStamp sa = new ApplianceStamp("1", "abc", "6.1.0-56-amd64", a);
        assertThat(sa.text()).isEqualTo(new ApplianceStamp("1", "abc", "6.1.0-56-amd64", b).text());
        assertThat(sa.text()).isEqualTo("builder 1\nscripts-sha256 abc\nkernel 6.1.0-56-amd64\n"
                + "package busybox-static 1:1.35\npackage mdadm 4.2-5\n");
    }

    @Test
    void shouldChangeWhenAnyInputChanges() {
        ApplianceStamp base = new ApplianceStamp("1", "abc", "k", Map.of("mdadm", "4.2-5"));
        assertThat(new ApplianceStamp("2", "abc", "k", Map.of("mdadm", "4.2-5")).text()).isNotEqualTo(base.text());
        assertThat(new ApplianceStamp("1", "abd", "k", Map.of("mdadm", "4.2-5")).text()).isNotEqualTo(base.text());
        assertThat(new ApplianceStamp("1", "abc", "k2", Map.of("mdadm", "4.2-5")).text()).isNotEqualTo(base.text());
        assertThat(new ApplianceStamp("1", "abc", "k", Map.of("mdadm", "4.2-6")).text()).isNotEqualTo(base.text());
    }

    @Test
    void shouldDigestTheShippedScripts() {
        assertThat(ApplianceBuilder.scriptsSha256()).matches("[0-9a-f]{64}");
        assertThat(ApplianceBuilder.script("init")).startsWith("#!/bin/sh").contains("@@QRESCUE-READY");
        assertThat(ApplianceBuilder.script("lvm.conf")).contains("udev_sync = 0").contains("global_filter");
    }

    @Test
    void shouldSayHowToInstallAKernelWhenNoneIsThere(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("boot"));
        Files.createDirectories(dir.resolve("modules/6.1.0-1-amd64")); // modules without a kernel image
        ApplianceBuilder builder = new ApplianceBuilder(dir.resolve("boot"), dir.resolve("modules"), dir.resolve("bb"));
        assertThatThrownBy(builder::kernelRelease).isInstanceOf(VmException.class)
                .hasMessageContaining("no kernel").hasMessageContaining("apt-get install linux-image-amd64");
        Files.createFile(dir.resolve("boot/vmlinuz-6.1.0-1-amd64"));
        assertThat(builder.kernelRelease()).isEqualTo("6.1.0-1-amd64");
    }
}
