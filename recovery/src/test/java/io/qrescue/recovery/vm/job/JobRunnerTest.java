package io.qrescue.recovery.vm.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.vm.VmException;
import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.appliance.ApplianceStamp;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.VmDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job runner against a fake qemu (a shell script) that plays a well-behaved, hanging or misbehaving VM. */
class JobRunnerTest {
    /** The fake reads its behaviour from the file "mode" beside it; it writes its PID to "pid". */
    private static final String FAKE_QEMU = """
            #!/bin/sh
            here=$(dirname "$0")
            echo $$ > "$here/pid"
            for a in "$@"; do
              case $a in
                *qrescue.nonce=*) nonce=$(echo "$a" | sed 's/.*qrescue.nonce=\\([0-9a-f]*\\).*/\\1/');;
                file=*results.img,*) res=$(echo "$a" | sed 's/^file=\\([^,]*\\),.*/\\1/');;
                file=*snapshot=on*) img=$(echo "$a" | sed 's/^file=\\([^,]*\\),.*/\\1/');;
              esac
            done
            case $(cat "$here/mode") in
              ok)
                d=$(mktemp -d); printf 'job said hi\\n' > "$d/job.log"; echo 7 > "$d/rc"
                tar -cf "$res" -C "$d" . ; rm -rf "$d"
                echo "booting..."; echo "@@QRESCUE-READY uptime=1.50 nonce=$nonce@@"
                echo "@@QRESCUE-JOB-EXIT rc=7 res=ok uptime=2.0 nonce=$nonce@@"; exit 0;;
              hang)
                echo "@@QRESCUE-READY uptime=1.50 nonce=$nonce@@"; exec sleep 600;;
              forged)
                echo "@@QRESCUE-READY uptime=1.50 nonce=00000000@@"; exec sleep 600;;
              scribble)
                printf 'X' >> "$img"
                echo "@@QRESCUE-READY uptime=1.50 nonce=$nonce@@"; exit 1;;
              noboot)
                echo "qemu: could not load kernel" >&2; exit 1;;
            esac
            """;

    @TempDir
    Path dir;
    private Path fake;
    private Appliance appliance;
    private Path image;

    @BeforeEach
    void setUp() throws Exception {
        fake = dir.resolve("bin/qemu-system-x86_64");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, FAKE_QEMU);
        fake.toFile().setExecutable(true);
        Path kernel = Files.writeString(dir.resolve("vmlinuz"), "k");
        Path initramfs = Files.writeString(dir.resolve("initramfs"), "i");
        appliance = new Appliance(kernel, initramfs, new ApplianceStamp("t", "t", "t", Map.of()), dir);
        image = Files.write(dir.resolve("disk.img"), new byte[4096]);
    }

    private JobResult run(String mode, Duration bootTimeout, Duration jobTimeout) throws Exception {
        Files.writeString(fake.resolveSibling("mode"), mode);
        JobOptions options = JobOptions.defaults(Accelerator.TCG, List.of(VmDisk.protectedImage("IMG1", image)),
                jobTimeout).withTimeouts(bootTimeout, jobTimeout);
        return new JobRunner(new QemuLauncher(fake), line -> { }).run(appliance, Job.of("true\n"), options,
                dir.resolve("work"));
    }

    private long fakePid() throws Exception {
        return Long.parseLong(Files.readString(fake.resolveSibling("pid")).trim());
    }

    @Test
    void shouldReturnTheJobStatusLogAndTimings() throws Exception {
        JobResult result = run("ok", Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(result.exitStatus()).isEqualTo(7);
        assertThat(result.log()).isEqualTo("job said hi\n");
        assertThat(result.guestUptimeAtReadySeconds()).isEqualTo(1.5);
        assertThat(Files.readString(result.consoleLog())).contains("booting...");
        assertThat(result.outputDisk()).isEmpty();
    }

    @Test
    void shouldStopAHangingVmByItsPidWhenTheJobTimesOut() throws Exception {
        assertThatThrownBy(() -> run("hang", Duration.ofSeconds(30), Duration.ofSeconds(2)))
                .isInstanceOf(VmException.class).hasMessageContaining("timeout after 2 s waiting for the job to finish");
        assertThat(ProcessHandle.of(fakePid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void shouldIgnoreAMarkerWithoutTheRunsNonce() throws Exception {
        assertThatThrownBy(() -> run("forged", Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .isInstanceOf(VmException.class).hasMessageContaining("waiting for the appliance to boot");
        assertThat(ProcessHandle.of(fakePid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void shouldFailLoudlyWhenAnImageChangedDuringTheRun() throws Exception {
        assertThatThrownBy(() -> run("scribble", Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .isInstanceOf(ImageChecksums.ImageChangedException.class).hasMessageContaining(image.toString());
    }

    @Test
    void shouldPassOnWhatQemuSaidWhenItStopsBeforeBooting() throws Exception {
        assertThatThrownBy(() -> run("noboot", Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .isInstanceOf(VmException.class).hasMessageContaining("the VM stopped while waiting for the appliance to boot")
                .hasMessageContaining("qemu said: qemu: could not load kernel");
    }
}
