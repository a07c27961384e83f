package io.qrescue.recovery.vm.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parsers of ldd, modprobe --show-depends and dpkg-query output, and release ordering. */
class HostOutputParsingTest {

    @Test
    void shouldFindEveryLibraryAndTheLoaderInLddOutput() {
        String ldd = """
                \tlinux-vdso.so.1 (0x00007ffd4a1f2000)
                \tlibudev.so.1 => /lib/x86_64-linux-gnu/libudev.so.1 (0x00007f2905643000)
                \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2905381000)
                \t/lib64/ld-linux-x86-64.so.2 (0x00007f2905df1000)
                """;
        assertThat(LddOutput.libraries(ldd)).containsExactly("/lib/x86_64-linux-gnu/libudev.so.1",
                "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2");
        assertThat(LddOutput.missing(ldd)).isEmpty();
    }

    @Test
    void shouldReportLibrariesLddCannotFind() {
        String ldd = "\tlibfoo.so.1 => not found\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2905381000)\n";
        assertThat(LddOutput.missing(ldd)).containsExactly("libfoo.so.1 => not found");
        assertThat(LddOutput.libraries(ldd)).containsExactly("/lib/x86_64-linux-gnu/libc.so.6");
    }

    @Test
    void shouldReadModuleLoadOrderWithArguments() {
        String text = """
                builtin crc32c
                insmod /lib/modules/6.1.0-56-amd64/kernel/lib/libcrc32c.ko\s
                insmod /lib/modules/6.1.0-56-amd64/kernel/drivers/md/dm-mod.ko major=250
                """;
        assertThat(ModuleDependencies.parse(text)).containsExactly(
                new ModuleDependencies.ModuleLoad("/lib/modules/6.1.0-56-amd64/kernel/lib/libcrc32c.ko", ""),
                new ModuleDependencies.ModuleLoad("/lib/modules/6.1.0-56-amd64/kernel/drivers/md/dm-mod.ko", "major=250"));
    }

    @Test
    void shouldTakeOnlyInstalledPackagesFromDpkgQuery() {
        String text = "mdadm\t4.2-5\tii \nlvm2\t2.03.16-2\trc \nbusybox-static\t1:1.35.0-4\tii \n";
        assertThat(HostPackages.parse(text)).isEqualTo(Map.of("mdadm", "4.2-5", "busybox-static", "1:1.35.0-4"));
    }

    @Test
    void shouldNameTheAptGetLineForMissingPackages() {
        assertThat(HostPackages.missingMessage(List.of("busybox-static", "mdadm")))
                .isEqualTo("missing host packages: busybox-static mdadm; install them: apt-get install busybox-static mdadm");
    }

    @Test
    void shouldOrderKernelReleasesNumerically() {
        List<String> releases = List.of("6.1.0-9-amd64", "6.1.0-56-amd64", "5.10.0-28-amd64", "6.10.1-1-amd64");
        assertThat(releases.stream().sorted(java.util.Comparator.comparing(KernelReleases::sortKey)).toList())
                .containsExactly("5.10.0-28-amd64", "6.1.0-9-amd64", "6.1.0-56-amd64", "6.10.1-1-amd64");
    }
}
