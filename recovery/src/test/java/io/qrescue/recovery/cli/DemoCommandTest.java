package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue demo}: the whole rescue of the built-in failing NAS disk (needs e2fsprogs' debugfs). */
@Tag("integration")
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldRescueTheExampleAndNameWhatEachBadAreaCosts() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("demo", "--out", dir.toString());
        // the bad mapping leaf of lv2 leaves bytes whose place is unknown: marked, listed, and the job exits 2
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("qrescue rescue: vg1/lv2: ")
                .contains("bytes of unknown provenance");
        String text = out.toString();
        Path work = dir.resolve("rescue");

        // the soft thin superblock was read on a retry: its sectors are finished in the job's map
        String faults = Files.readString(dir.resolve("nas-disk.faults"));
        long superblock = Long.parseLong(faults.lines().filter(l -> l.startsWith("soft")).findFirst().orElseThrow()
                .split("\\s+")[1]);
        var map = MapfileReader.read(work.resolve("disk.map"), null).blocks();
        assertThat(Readability.of(map).isReadable(superblock, 4096)).isTrue();
        assertThat(map.blockContaining(faults.lines().filter(l -> l.contains(DemoFaults.PATTERN_FILE)).findFirst()
                .map(l -> Long.parseLong(l.split("\\s+")[1])).orElseThrow()).status()).isEqualTo(BlockStatus.BAD_SECTOR);

        // the bad sector in the middle of the pattern file makes exactly that file damaged, in lv1 and its snapshot
        String damagedLv1 = Files.readString(work.resolve("files/vg1-lv1/damaged-files.txt"));
        assertThat(damagedLv1).contains("/pattern-1MiB.txt").doesNotContain("hello.txt");
        // every other file of lv1 came out intact
        Map<String, byte[]> payload = PayloadFiles.forSeed(1);
        String sums = Files.readString(work.resolve("files/vg1-lv1/SHA256SUMS"));
        for (var e : payload.entrySet()) {
            if (e.getKey().startsWith("lv1/") && !e.getKey().equals("lv1/" + "pattern-1MiB.txt")
                    && e.getValue().length > 0) {
                assertThat(sums).as(e.getKey()).contains(PayloadFiles.sha256(e.getValue()));
            }
        }
        assertThat(text).contains("Report: ").contains("vg1/lv1").contains("1 damaged");
        assertThat(Files.readString(work.resolve("report.html"))).contains("pattern-1MiB.txt").contains("data:image/png");
        assertThat(work.resolve("volumes/vg1-lv1.img.map")).exists();
    }
}
