package io.qrescue.recovery.vm.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDiskTest {

    /** One ustar member read back: name (prefix joined), type flag, content. */
    record Member(String name, char type, byte[] content) {
    }

    /** A minimal ustar reader that also checks each header's checksum. */
    static List<Member> read(byte[] tar) {
        List<Member> members = new ArrayList<>();
        for (int pos = 0; ; ) {
            byte[] h = Arrays.copyOfRange(tar, pos, pos + 512);
            if (Arrays.equals(h, new byte[512])) {
                return members;
            }
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
            }
            assertThat(Long.parseLong(field(h, 148, 6), 8)).isEqualTo(sum);
            assertThat(new String(h, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
            String name = field(h, 0, 100);
            String prefix = field(h, 345, 155);
            int size = (int) Long.parseLong(field(h, 124, 11), 8);
            members.add(new Member(prefix.isEmpty() ? name : prefix + "/" + name, (char) h[156],
                    Arrays.copyOfRange(tar, pos + 512, pos + 512 + size)));
            pos += 512 + (size + 511) / 512 * 512;
        }
    }

    private static String field(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    @Test
    void shouldPutRunShFirstThenDirectoriesThenInputsInNameOrder() throws Exception {
        Job job = new Job("echo hi\n", Map.of("payload/lv1/b.txt", new byte[]{2}, "payload/lv1/a.txt", new byte[]{1},
                "x.bin", new byte[1000]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JobDisk.encode(job, out);
        List<Member> members = read(out.toByteArray());
        assertThat(members).extracting(Member::name).containsExactly("run.sh", "payload/", "payload/lv1/",
                "payload/lv1/a.txt", "payload/lv1/b.txt", "x.bin");
        assertThat(members).extracting(Member::type).containsExactly('0', '5', '5', '0', '0', '0');
        assertThat(new String(members.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("echo hi\n");
        assertThat(members.get(5).content()).hasSize(1000);
    }

    @Test
    void shouldSplitLongNamesIntoPrefixAndName() throws Exception {
        String longName = "d".repeat(90) + "/" + "e".repeat(60) + "/file-with-a-long-name-" + "f".repeat(40) + ".txt";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JobDisk.encode(new Job("true\n", Map.of(longName, "x".getBytes(StandardCharsets.UTF_8))), out);
        assertThat(read(out.toByteArray())).extracting(Member::name).contains(longName);
    }

    @Test
    void shouldPadTheDiskToWholeMebibytes(@TempDir Path dir) throws Exception {
        Path disk = dir.resolve("job.tar");
        JobDisk.write(Job.of("true\n"), disk);
        assertThat(Files.size(disk) % (1 << 20)).isZero();
        assertThat(read(Files.readAllBytes(disk))).extracting(Member::name).containsExactly("run.sh");
    }

    @Test
    void shouldRefuseInputsThatCouldLeaveTheJobDirectory() {
        assertThatThrownBy(() -> new Job("true", Map.of("../etc/passwd", new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Job("true", Map.of("/abs", new byte[0]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Job("true", Map.of("run.sh", new byte[0]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Job.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
