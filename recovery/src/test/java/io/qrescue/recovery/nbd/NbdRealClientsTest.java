package io.qrescue.recovery.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.testing.RandomVolume;
import io.qrescue.recovery.testing.ToolRun;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.MappedSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server read by the real clients: nbdinfo, nbdcopy, qemu-img and qemu-io (libnbd's and qemu's NBD code)
 * get the volume reader's bytes, and EIO exactly where the volume lies on damaged image bytes.
 */
@Tag("integration")
class NbdRealClientsTest {

    @TempDir
    Path dir;

    private RandomVolume volume;
    private FileImageSource image;
    private NbdServer clean;
    private NbdServer damaged;

    @BeforeEach
    void start() throws Exception {
        volume = RandomVolume.generate(2026, 6 << 20, 8 << 20, 512, false);
        Files.write(dir.resolve("image.raw"), volume.image);
        image = FileImageSource.open(dir.resolve("image.raw"));
        clean = new NbdServer(new NbdExport("vg1/lv1", "", new MappedSource(image, volume.extents)), NbdListener.NONE);
        clean.listenUnix(dir.resolve("clean.sock"));
        damaged = new NbdServer(new NbdExport("vg1/lv1", "", new MappedSource(RescuedImage.of("image", image, Readability.of(volume.damageMap)), volume.extents)), NbdListener.NONE);
        damaged.listenUnix(dir.resolve("damaged.sock"));
    }

    @AfterEach
    void stop() throws Exception {
        clean.close();
        damaged.close();
        image.close();
    }

    private String uri(String socket) {
        return "nbd+unix:///?socket=" + dir.resolve(socket);
    }

    @Test
    void shouldBeDescribedByNbdinfo() throws Exception {
        ToolRun info = ToolRun.run(dir, "nbdinfo", "--json", uri("clean.sock"));
        assertThat(info.exit()).as(info.output()).isZero();
        assertThat(info.output()).contains("\"export-size\": " + volume.expected.length)
                .contains("\"is_read_only\": true").contains("\"protocol\": \"newstyle-fixed\"");
        ToolRun list = ToolRun.run(dir, "nbdinfo", "--list", uri("clean.sock"));
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output()).contains("export=\"vg1/lv1\"");
        ToolRun named = ToolRun.run(dir, "nbdinfo", "--size", "nbd+unix:///vg1/lv1?socket=" + dir.resolve("clean.sock"));
        assertThat(named.output().trim()).isEqualTo(String.valueOf(volume.expected.length));
    }

    @Test
    void shouldGiveTheVolumeBytesToNbdcopyAndQemuImgSeveralAtOnce() throws Exception {
        CompletableFuture<ToolRun> copy1 = CompletableFuture.supplyAsync(() -> run("nbdcopy", uri("clean.sock"), "a.raw"));
        CompletableFuture<ToolRun> copy2 = CompletableFuture.supplyAsync(() -> run("nbdcopy", uri("clean.sock"), "b.raw"));
        ToolRun convert = ToolRun.run(dir, "qemu-img", "convert", "-f", "raw", "-O", "raw", uri("clean.sock"), "q.raw");
        assertThat(convert.exit()).as(convert.output()).isZero();
        assertThat(copy1.get().exit()).as(copy1.get().output()).isZero();
        assertThat(copy2.get().exit()).as(copy2.get().output()).isZero();
        for (String out : List.of("a.raw", "b.raw", "q.raw")) {
            assertThat(Files.readAllBytes(dir.resolve(out))).as(out).isEqualTo(volume.expected);
        }
    }

    @Test
    void shouldFailReadsInsideDamageAndServeTheRest() throws Exception {
        List<Damage> damage = new MappedSource(RescuedImage.of("image", image, Readability.of(volume.damageMap)), volume.extents)
                .damageIn(0, volume.expected.length);
        assertThat(damage).as("the test volume has damage").isNotEmpty();
        ToolRun copy = ToolRun.run(dir, "nbdcopy", uri("damaged.sock"), "d.raw");
        assertThat(copy.exit()).isNotZero();
        assertThat(copy.output()).contains("Input/output error");

        Damage first = damage.get(0);
        ToolRun bad = ToolRun.run(dir, "qemu-io", "-f", "raw", "-r", "-c",
                "read " + first.offset() + " " + first.length(), uri("damaged.sock"));
        assertThat(bad.output()).contains("read failed: Input/output error");

        int[] good = readableRun(64 << 10);
        ToolRun ok = ToolRun.run(dir, "qemu-io", "-f", "raw", "-r", "-c", "read " + good[0] + " " + good[1],
                uri("damaged.sock"));
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("read " + good[1] + "/" + good[1] + " bytes");
        ToolRun part = ToolRun.run(dir, "qemu-img", "convert", "--image-opts", "-O", "raw",
                "driver=raw,offset=" + good[0] + ",size=" + good[1] + ",file.driver=nbd,file.path="
                        + dir.resolve("damaged.sock"), "part.raw");
        assertThat(part.exit()).as(part.output()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("part.raw")))
                .isEqualTo(Arrays.copyOfRange(volume.expected, good[0], good[0] + good[1]));
    }

    /** The longest readable run up to {@code max} bytes on 512-byte boundaries: {offset, length}. */
    private int[] readableRun(int max) {
        int bestFrom = 0;
        int bestLength = 0;
        for (int from = 0; from < volume.expected.length; from += 512) {
            int length = 0;
            while (length < max && from + length + 512 <= volume.expected.length && volume.readable(from + length, 512)) {
                length += 512;
            }
            if (length > bestLength) {
                bestFrom = from;
                bestLength = length;
            }
        }
        assertThat(bestLength).as("a readable run").isGreaterThanOrEqualTo(4096);
        return new int[] {bestFrom, bestLength};
    }

    private ToolRun run(String... command) {
        try {
            return ToolRun.run(dir, command);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
