package io.qrescue.recovery.vm.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.lvmfix.StockMetadataRewriter;
import io.qrescue.recovery.vm.lvmfix.StockRewrite;
import io.qrescue.recovery.vm.seed.ScriptedShell.Answer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedRecoveryTest {

    private static final String SCAN = "ARRAY /dev/md/1  metadata=1.0 UUID=e767caf1:30504500:f7da4b48:92bb490e name=1\n";
    private static final String LVS = """
              vg1|lv1|owi---tz--|thin|tp1|
              vg1|snapShots|swi---s---|snapshot||lv1
              vg1|tp1|twi---tz--|thin-pool||
              vg1|[tp1_tdata]|Twi-------|linear||
              vg1|[tp1_tmeta]|ewi-------|linear||
              vg1|snap10001|Vwi---tz-k|thin|tp1|lv1
            """;

    private static SeedOptions options(Map<String, StockRewrite> stock, boolean overlay) {
        return new SeedOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), "/dev/sdb", 2048, stock, overlay, "lvm");
    }

    /** The seed recipe's own session (QNAP sample 01), answered command by command. */
    private static ScriptedShell seedSession() {
        return new ScriptedShell()
                .on("mdadm --examine --scan", Answer.ok(SCAN))
                .on("mdadm --assemble --run -o /dev/md1 --uuid=e767caf1:30504500:f7da4b48:92bb490e",
                        Answer.ok("mdadm: /dev/md1 has been started with 1 drive (out of 2).\n"))
                .on("lvm vgs .*", Answer.ok("  VG   #PV #LV #SN Attr   VSize  VFree\n  vg1    1   3   1 wz--n- 28.00m    0\n"))
                .on("lvm lvs -a .*", Answer.ok(LVS))
                .on("lvm lvchange -ay( -K)? .* vg1/(lv1|snap10001)", Answer.ok(""))
                .on("mkdir -p /mnt/qrescue/vg1/\\w+ && mount -t ext4 -o ro /dev/vg1/\\w+ /mnt/qrescue/vg1/\\w+",
                        Answer.ok(""))
                .on("cat /sys/block/sdb/size", Answer.ok("2048\n"))
                .on("command -v sha256sum", Answer.ok("/bin/sha256sum\n"))
                .on("cd /mnt/qrescue && find .*", Answer.ok(""))
                .on("tar -cf /dev/sdb -C /mnt/qrescue \\. && sync", Answer.ok(""));
    }

    @Test
    void shouldRunTheSeedRecipeStepByStep() {
        ScriptedShell shell = seedSession();
        List<SeedStep> seen = new ArrayList<>();
        SeedReport report = new SeedRecovery(shell, options(Map.of(), true), seen::add).run();

        assertThat(report.failures()).isEmpty();
        assertThat(report.copied()).isTrue();
        assertThat(report.guestSumsWritten()).isTrue();
        assertThat(report.mounted()).containsExactly("vg1/lv1", "vg1/snap10001");
        assertThat(seen).isEqualTo(report.steps());
        assertThat(shell.commands).contains(
                "lvm lvchange -ay " + SeedRecovery.LVM_CONFIG + " vg1/lv1",
                "lvm lvchange -ay -K " + SeedRecovery.LVM_CONFIG + " vg1/snap10001");
        assertThat(report.steps()).anyMatch(s -> s.kind().equals("activate") && s.name().equals("vg1/snapShots")
                && s.outcome() == SeedStep.Outcome.SKIPPED);
        assertThat(shell.commands).noneMatch(c -> c.contains("readwrite") || c.contains("vgcfgrestore"));
    }

    @Test
    void shouldRestoreTheStockFormWhenTheVmsLvmRefusesTheGroup() throws Exception {
        String qnap;
        try (InputStream in = getClass().getResourceAsStream("/io/qrescue/recovery/vm/lvmfix/qnap-tier-vg1.txt")) {
            qnap = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("QNAP_FAST_CLONE", "it's quoted");
        }
        StockRewrite stock = StockMetadataRewriter.rewrite("disk.img", qnap);
        ScriptedShell shell = seedSession()
                .on("lvm vgs .*", Answer.fail(5, "  WARNING: Unrecognised segment type tier-thin-pool\n"
                        + "  Cannot process volume group vg1\n"))
                .on("mdadm --readwrite /dev/md1", Answer.ok(""))
                .on("lvm vgcfgrestore .* --force -f /tmp/qrescue-vg1.vg vg1", Answer.ok("  Restored volume group vg1.\n"));
        SeedReport report = new SeedRecovery(shell, options(Map.of("vg1", stock), true), s -> { }).run();

        // the file the VM got is, byte for byte, the host's stock form
        assertThat(shell.files.get("/tmp/qrescue-vg1.vg").toString()).isEqualTo(stock.restoreText());
        assertThat(shell.commands).containsSubsequence("mdadm --readwrite /dev/md1",
                "lvm vgcfgrestore " + SeedRecovery.LVM_CONFIG + " --force -f /tmp/qrescue-vg1.vg vg1",
                "lvm lvs -a --noheadings --separator '|' -o " + LvRow.FIELDS + " " + SeedRecovery.LVM_CONFIG);
        assertThat(report.steps()).anyMatch(s -> s.kind().equals("metadata") && s.name().equals("vg1") && s.ok()
                && s.message().contains("tier-thin-pool -> thin-pool"));
    }

    @Test
    void shouldNotTouchTheArrayWhenTheImagesAreNotBehindAnOverlay() throws Exception {
        StockRewrite stock = StockMetadataRewriter.rewrite("d", "vg1 {\nlogical_volumes {\nx {\nsegment1 {\n"
                + "type = \"flashcache\"\n}\n}\n}\n}\n");
        ScriptedShell shell = seedSession().on("lvm vgs .*", Answer.fail(5, "  Cannot process volume group vg1\n"));
        SeedReport report = new SeedRecovery(shell, options(Map.of("vg1", stock), false), s -> { }).run();
        assertThat(shell.commands).noneMatch(c -> c.contains("readwrite") || c.contains("vgcfgrestore"));
        assertThat(report.steps()).anyMatch(s -> s.kind().equals("metadata")
                && s.outcome() == SeedStep.Outcome.SKIPPED && s.message().contains("restoring it would write them"));
    }

    @Test
    void shouldSayPlainlyWhenNoDiskHasAnMdSuperblock() {
        ScriptedShell shell = new ScriptedShell().on("mdadm --examine --scan", Answer.ok(""));
        SeedReport report = new SeedRecovery(shell, options(Map.of(), true), s -> { }).run();
        assertThat(report.failures()).singleElement().satisfies(s -> assertThat(s.describe()).isEqualTo(
                "examine -: failed (no md superblock on any disk (mdadm --examine --scan printed no ARRAY line))"));
        assertThat(shell.commands).containsExactly("mdadm --examine --scan");
    }

    @Test
    void shouldSkipQnapSystemArraysAndReportAFailedAssembly() {
        ScriptedShell shell = new ScriptedShell()
                .on("mdadm --examine --scan", Answer.ok("ARRAY /dev/md/9  metadata=1.0 UUID=11111111:11111111:11111111:11111111 name=9\n"
                        + SCAN.replace("name=1", "name=NAS:1")))
                .on("mdadm --assemble .*", Answer.fail(1, "mdadm: /dev/md1 assembled from 0 drives - not enough to start the array.\n"));
        SeedReport report = new SeedRecovery(shell, options(Map.of(), true), s -> { }).run();
        assertThat(report.steps()).extracting(SeedStep::describe).containsExactly(
                "examine -: ok (" + "ARRAY /dev/md/1  metadata=1.0 UUID=e767caf1:30504500:f7da4b48:92bb490e name=NAS:1)",
                "assemble /dev/md/9: skipped (QNAP system array (name 9), not a data pool)",
                "assemble /dev/md1: failed (exit 1: mdadm: /dev/md1 assembled from 0 drives - not enough to start the array.)");
    }

    @Test
    void shouldMountWithoutTheJournalWhenPlainReadOnlyFails() {
        ScriptedShell shell = seedSession()
                .on("mkdir -p /mnt/qrescue/vg1/lv1 && mount .*", Answer.fail(255,
                        "mount: mounting /dev/vg1/lv1 on /mnt/qrescue/vg1/lv1 failed: Read-only file system\n"))
                .on("mount -t ext4 -o ro,noload /dev/vg1/lv1 /mnt/qrescue/vg1/lv1", Answer.ok(""));
        SeedReport report = new SeedRecovery(shell, options(Map.of(), true), s -> { }).run();
        assertThat(report.mounted()).contains("vg1/lv1");
        assertThat(report.steps()).anyMatch(s -> s.kind().equals("mount") && s.name().equals("vg1/lv1")
                && s.message().startsWith("read-only without replaying the journal (plain ro failed: mount: mounting"));
    }

    @Test
    void shouldRefuseToWriteAnOutputDiskOfTheWrongSize() {
        ScriptedShell shell = seedSession().on("cat /sys/block/sdb/size", Answer.ok("62914560\n"));
        SeedReport report = new SeedRecovery(shell, options(Map.of(), true), s -> { }).run();
        assertThat(report.copied()).isFalse();
        assertThat(shell.commands).noneMatch(c -> c.startsWith("tar "));
        assertThat(report.failures()).extracting(SeedStep::message).containsExactly(
                "refusing to write: /dev/sdb has 62914560 sectors, the output disk has 2048");
    }

    @Test
    void shouldReportATimeoutAndALostConsoleAsSteps() {
        ScriptedShell shell = seedSession()
                .on("lvm lvchange -ay .* vg1/lv1", new Answer("", 0, false))
                .closeOn("lvm lvchange -ay -K .*");
        SeedReport report = new SeedRecovery(shell, options(Map.of(), true), s -> { }).run();
        assertThat(report.failures()).extracting(SeedStep::describe).containsExactly(
                "activate vg1/lv1: timed out (no end within 5 s)",
                "console -: failed (the console ended (the VM stopped) while waiting for the end of command 6)");
        assertThat(report.copied()).isFalse();
    }

    @Test
    void shouldParseScanLinesOfEveryShape() {
        assertThat(SeedArray.parseScan("""
                ARRAY /dev/md/1  metadata=1.0 UUID=e767caf1:30504500:f7da4b48:92bb490e name=1
                ARRAY /dev/md0 UUID=a1b2c3d4:a1b2c3d4:a1b2c3d4:a1b2c3d4
                mdadm: No md superblock detected on /dev/sda1.
                ARRAY /dev/md/13 metadata=1.0 UUID=00000000:00000000:00000000:0000000d name=NAS:13
                """)).containsExactly(
                new SeedArray("/dev/md/1", "e767caf1:30504500:f7da4b48:92bb490e", "1", "1.0"),
                new SeedArray("/dev/md0", "a1b2c3d4:a1b2c3d4:a1b2c3d4:a1b2c3d4", "", ""),
                new SeedArray("/dev/md/13", "00000000:00000000:00000000:0000000d", "NAS:13", "1.0"));
    }
}
