package io.qrescue.recovery.vm.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpioWriterTest {

    /** One entry read back from newc bytes. */
    record Entry(String name, int mode, long mtime, byte[] data) {
    }

    /** A minimal newc reader: the format as the kernel reads it (hex fields, 4-byte padding). */
    static List<Entry> read(byte[] archive) {
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        while (true) {
            String header = new String(archive, pos, 110, StandardCharsets.US_ASCII);
            assertThat(header).startsWith("070701");
            int mode = (int) Long.parseLong(header.substring(14, 22), 16);
            long mtime = Long.parseLong(header.substring(46, 54), 16);
            int size = (int) Long.parseLong(header.substring(54, 62), 16);
            int nameSize = (int) Long.parseLong(header.substring(94, 102), 16);
            String name = new String(archive, pos + 110, nameSize - 1, StandardCharsets.UTF_8);
            assertThat(archive[pos + 110 + nameSize - 1]).isZero();
            pos = align4(pos + 110 + nameSize);
            byte[] data = java.util.Arrays.copyOfRange(archive, pos, pos + size);
            pos = align4(pos + size);
            if (name.equals("TRAILER!!!")) {
                assertThat(pos).isEqualTo(archive.length);
                return entries;
            }
            entries.add(new Entry(name, mode, mtime, data));
        }
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    @Test
    void shouldWriteNewcEntriesTheKernelCanRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CpioWriter cpio = new CpioWriter(out, 0)) {
            cpio.directory("bin", 0755);
            cpio.file("bin/x", 0755, "abcde".getBytes(StandardCharsets.UTF_8));
            cpio.symlink("sbin", "usr/sbin");
        }
        byte[] archive = out.toByteArray();
        assertThat(archive.length % 4).isZero();
        List<Entry> entries = read(archive);
        assertThat(entries).extracting(Entry::name).containsExactly("bin", "bin/x", "sbin");
        assertThat(entries.get(0).mode()).isEqualTo(CpioWriter.TYPE_DIRECTORY | 0755);
        assertThat(entries.get(1).mode()).isEqualTo(CpioWriter.TYPE_FILE | 0755);
        assertThat(new String(entries.get(1).data(), StandardCharsets.UTF_8)).isEqualTo("abcde");
        assertThat(entries.get(2).mode()).isEqualTo(CpioWriter.TYPE_SYMLINK | 0777);
        assertThat(new String(entries.get(2).data(), StandardCharsets.UTF_8)).isEqualTo("usr/sbin");
        assertThat(entries).allMatch(e -> e.mtime() == 0);
    }

    @Test
    void shouldPadEveryNameAndDataLengthToFourBytes() throws IOException {
        for (int nameLength = 1; nameLength <= 8; nameLength++) {
            for (int dataLength = 0; dataLength <= 8; dataLength++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (CpioWriter cpio = new CpioWriter(out, 7)) {
                    cpio.file("n".repeat(nameLength), 0644, new byte[dataLength]);
                }
                List<Entry> entries = read(out.toByteArray());
                assertThat(entries).hasSize(1);
                assertThat(entries.get(0).data()).hasSize(dataLength);
                assertThat(entries.get(0).mtime()).isEqualTo(7);
            }
        }
    }
}
