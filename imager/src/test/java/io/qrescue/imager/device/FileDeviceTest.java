package io.qrescue.imager.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.output.FileOutputImage;
import io.qrescue.imager.time.TimeSource;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FileDeviceTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadAFileAndStopAtItsEnd() throws Exception {
        Path file = dir.resolve("in");
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        try (FileDevice device = FileDevice.open(file, 512, TimeSource.system())) {
            assertThat(device.size()).isEqualTo(5);
            ByteBuffer buffer = ByteBuffer.allocate(8);
            ReadOutcome outcome = device.read(2, buffer);
            assertThat(outcome.copiedBytes()).isEqualTo(3);
            assertThat(outcome.hasError()).isFalse(); // copied + failed < requested: end of file
            assertThat(buffer.get(0)).isEqualTo((byte) 3);
            assertThat(device.reopen()).isTrue();
            assertThat(device.read(0, buffer.clear()).copiedBytes()).isEqualTo(5);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldOpenTheSourceReadOnly() throws Exception {
        Path file = dir.resolve("ro");
        Files.write(file, new byte[] {9});
        try (FileDevice device = FileDevice.open(file, 512, TimeSource.system())) {
            assertThat(device.read(0, ByteBuffer.allocate(1)).copiedBytes()).isEqualTo(1);
            assertThat(accessModesOfOpenDescriptors(file)).containsOnly(0); // O_RDONLY
        }
    }

    /** O_ACCMODE bits of this process's descriptors open on {@code file}, from /proc/self/fdinfo. */
    private static java.util.List<Integer> accessModesOfOpenDescriptors(Path file) throws Exception {
        java.util.List<Integer> modes = new java.util.ArrayList<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file.toRealPath())) {
                        String info = Files.readString(Path.of("/proc/self/fdinfo", fd.getFileName().toString()));
                        String flags = info.lines().filter(l -> l.startsWith("flags:")).findFirst().orElseThrow();
                        modes.add(Integer.parseInt(flags.substring(6).strip(), 8) & 3);
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // a descriptor closed while listing
                }
            }
        }
        assertThat(modes).isNotEmpty();
        return modes;
    }

    @Test
    void shouldWriteAndExtendAnOutputFile() throws Exception {
        Path file = dir.resolve("out");
        try (FileOutputImage out = FileOutputImage.open(file, true)) {
            out.write(4, ByteBuffer.wrap(new byte[] {7, 8}));
            assertThat(out.size()).isEqualTo(6);
            out.truncate(100);
            assertThat(out.size()).isEqualTo(100);
            ByteBuffer back = ByteBuffer.allocate(6);
            assertThat(out.read(0, back)).isEqualTo(6);
            assertThat(back.array()).containsExactly(0, 0, 0, 0, 7, 8);
        }
    }
}
