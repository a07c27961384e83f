package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrescue analyze} as a user runs it on the md10-single fixture, and on input that is not an image. */
class AnalyzeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path image;

    @BeforeEach
    void unpack() throws Exception {
        image = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
    }

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void shouldPrintTheStackAsATree() {
        assertThat(run("analyze", image.toString())).isZero();
        assertThat(out.toString()).contains("disk " + image.getFileName() + ": 96 MiB, GPT", "array md1: RAID1, 2 copies",
                "VG vg1: seqno", "pool tp1: chunk 64 KiB, metadata upstream 4096-byte blocks",
                "vg1/lv1: thin, 64 MiB, device 1", "vg1/snap10001: snapshot of lv1, 64 MiB, device 3",
                "vg1/lv2: thin, 32 MiB, device 2");
        assertThat(out.toString()).doesNotContain("damage:");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldReportDamageAndWriteTheDomainWithJson() throws Exception {
        Path map = dir.resolve("disk.map");
        // bytes 512..1024 (primary GPT header) bad, the rest finished
        Files.writeString(map, "0x0 + 1\n0x0 0x200 +\n0x200 0x200 -\n0x400 0x5FFFC00 +\n");
        Path domain = dir.resolve("meta.domain");
        assertThat(run("analyze", image.toString(), "--map", map.toString(), "--json", "--metadata-domain",
                domain.toString())).isZero();
        String json = out.toString().trim();
        assertThat(json).startsWith("{\"disks\":[").endsWith("}");
        assertThat(json.lines().count()).isEqualTo(1);
        assertThat(json).contains("\"volumes\":[{\"name\":\"vg1/lv1\",\"kind\":\"thin\",\"origin\":null,\"deviceId\":1,"
                + "\"pool\":\"vg1/tp1\",\"sizeBytes\":67108864,\"mappedBytes\":6488064,");
        assertThat(json).contains("\"damage\":{\"regions\":[{\"image\":0,\"offsetBytes\":512,\"lengthBytes\":512,"
                + "\"status\":\"-\",\"impacts\":[{\"offsetBytes\":512,\"lengthBytes\":512,\"kind\":\"partition-table\"");
        assertThat(json).contains("{\"volume\":\"vg1/lv1\",\"sizeBytes\":67108864,\"mappedBytes\":6488064,"
                + "\"readableBytes\":67108864");
        assertThat(balanced(json)).isTrue();
        long finished = 0;
        for (StatusBlock sb : MapfileReader.read(domain, null).blocks()) {
            finished += sb.status() == BlockStatus.FINISHED ? sb.size() : 0;
        }
        assertThat(finished).isPositive().isLessThan(4L << 20);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void shouldRefuseAFileThatIsNoImageOfAnything() throws Exception {
        Path junk = dir.resolve("junk.bin");
        byte[] bytes = new byte[1 << 20];
        new Random(5).nextBytes(bytes);
        Files.write(junk, bytes);
        assertThat(run("analyze", junk.toString())).isEqualTo(ExitCodes.CORRUPT_INPUT);
        assertThat(err.toString()).startsWith("qrescue: " + junk + ": not an image of anything qrescue reads");
        assertThat(err.toString().lines().count()).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldNameMissingFilesAndBadOptions() throws Exception {
        assertThat(run("analyze", dir.resolve("none.img").toString())).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("none.img: can't open the image for reading");
        Path map = dir.resolve("m.map");
        Files.writeString(map, "0x0 + 1\n0x0 0x100 +\n");
        assertThat(run("analyze", image.toString(), "--map", map.toString(), "--map", map.toString()))
                .isEqualTo(ExitCodes.ENVIRONMENT);
        Path bad = dir.resolve("bad.map");
        Files.writeString(bad, "this is not a mapfile\n0xZZ\n");
        int rc = run("analyze", image.toString(), "--map", bad.toString());
        assertThat(rc).isIn(ExitCodes.ENVIRONMENT, ExitCodes.CORRUPT_INPUT);
        assertThat(err.toString()).contains("bad.map");
    }

    /** Brackets and braces outside strings pair up (the document is one well-formed value). */
    private static boolean balanced(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth < 0) {
                    return false;
                }
            }
        }
        Matcher m = Pattern.compile("\\d").matcher(json);
        return depth == 0 && !inString && m.find();
    }
}
