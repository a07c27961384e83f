package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.testing.LvmPvWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real lvm2 as the oracle, on a loop device (no device-mapper needed to read or write metadata): it refuses the
 * QNAP text as QNAP users see it, reads the PV image {@link LvmPvWriter} made (so our writer's and reader's idea of
 * the format is lvm's), restores our stock rewrite with vgcfgrestore and then lists the thin pool and thin volumes
 * from it.
 */
@Tag("integration")
class StockRewriteLvmOracleTest {

    private static final long PV_BYTES = 64L << 20;

    @TempDir
    Path dir;

    @Test
    void shouldHaveStockLvmAcceptTheRewriteItRefusedBefore() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for losetup");
        assumeTrue(Files.isExecutable(Path.of("/sbin/lvm")) || Files.isExecutable(Path.of("/usr/sbin/lvm")),
                "needs lvm2");
        Path image = dir.resolve("qnap-pv.img");
        LvmPvWriter pv = new LvmPvWriter().text(Fixtures.qnapTierText());
        pv.pvUuid = Fixtures.PV_UUID;
        byte[] head = new byte[1 << 20];
        pv.write(head, 0, PV_BYTES);
        Files.write(image, head);
        try (var ch = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(PV_BYTES);
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), PV_BYTES - 1);
        }
        String loop = run("losetup", "-f", "--show", image.toString()).strip();
        try {
            String cfg = "devices { global_filter=[\"a|^" + loop + "$|\",\"r|.*|\"] use_devicesfile=0 } "
                    + "backup { backup=0 archive=0 }";
            Result refused = exec("lvm", "vgs", "--config", cfg, "vg1");
            assertThat(refused.exitCode()).isNotZero();
            // what QNAP users see on a stock Linux
            assertThat(refused.output()).contains("tier-thin-pool").contains("Cannot process volume group vg1");

            PvMetadata read;
            try (FileImageSource src = FileImageSource.open(image)) {
                read = CommittedText.read(src, 0, image.toString());
            }
            StockRewrite rewrite = StockMetadataRewriter.rewrite(image.toString(), read.text());
            Path file = dir.resolve("vg1.vg");
            Files.writeString(file, rewrite.restoreText());

            Result restored = exec("lvm", "vgcfgrestore", "--config", cfg, "--force", "-f", file.toString(), "vg1");
            assertThat(restored.exitCode()).as(restored.output()).isZero();
            Result lvs = exec("lvm", "lvs", "--config", cfg, "-a", "--segments", "--noheadings", "--separator", "|",
                    "-o", "lv_name,segtype,pool_lv,data_lv,metadata_lv,origin", "vg1");
            assertThat(lvs.exitCode()).as(lvs.output()).isZero();
            Map<String, List<String>> rows = new LinkedHashMap<>();
            for (String line : lvs.output().split("\n")) {
                if (line.contains("|") && !line.strip().startsWith("WARNING")) {
                    List<String> cols = new ArrayList<>();
                    for (String c : line.strip().split("\\|", -1)) {
                        cols.add(c.strip().replace("[", "").replace("]", ""));
                    }
                    rows.put(cols.get(0), cols);
                }
            }
            assertThat(rows.get("tp1")).as(lvs.output()).containsExactly("tp1", "thin-pool", "", "tp1_tierdata_0",
                    "tp1_tmeta", "");
            assertThat(rows.get("lv1")).containsExactly("lv1", "thin", "tp1", "", "", "");
            assertThat(rows.get("lv2")).containsExactly("lv2", "thin", "tp1", "", "", "");
            assertThat(rows.get("snap10001")).containsExactly("snap10001", "thin", "tp1", "", "", "lv1");
            assertThat(rows.get("lv544").get(1)).isEqualTo("linear");
        } finally {
            exec("losetup", "-d", loop);
        }
    }

    record Result(int exitCode, String output) {
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Result r = exec(cmd);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + r.output());
        }
        return r.output();
    }

    private static Result exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not end");
        }
        return new Result(p.exitValue(), out);
    }
}
