package io.qrescue.imager.os.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.BlockDevices;
import io.qrescue.imager.device.OpenOptions;
import io.qrescue.imager.device.ReadError;
import io.qrescue.imager.device.ReadOutcome;
import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The native device over regular files (block devices: {@code LoopDeviceIntegrationTest}). */
@EnabledOnOs(OS.LINUX)
class LinuxBlockDeviceTest {

    private static final int SIZE = (1 << 20) + 1000; // not a whole number of sectors

    @TempDir
    Path dir;

    private byte[] data;
    private Path file;

    private void writeImage(Path at) throws IOException {
        data = new byte[SIZE];
        new Random(7).nextBytes(data);
        file = Files.write(at, data);
    }

    @Test
    void shouldBeWhatTheFactoryOpensOnLinux() throws IOException {
        writeImage(dir.resolve("image"));
        assertThat(LinuxBlockDevice.isAvailable()).isTrue();
        try (BlockDevice device = BlockDevices.open(file, OpenOptions.of(512))) {
            assertThat(device).isInstanceOf(LinuxBlockDevice.class);
        }
    }

    @Test
    void shouldReadARegularFileThroughThePageCache() throws IOException {
        writeImage(dir.resolve("image"));
        try (LinuxBlockDevice device = LinuxBlockDevice.open(file, OpenOptions.of(2048))) {
            assertThat(device.size()).isEqualTo(SIZE);
            assertThat(device.sectorSize()).isEqualTo(2048);
            assertThat(device.logicalSectorSize()).isEqualTo(2048);
            assertThat(device.physicalSectorSize()).isEqualTo(4096);
            assertThat(device.directIo()).isFalse();
            // an odd position and length, larger than the first bounce buffer
            ByteBuffer dst = ByteBuffer.allocate(300_001);
            assertThat(device.read(12_345, dst).copiedBytes()).isEqualTo(300_001);
            assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(data, 12_345, 312_346));
        }
    }

    @Test
    void shouldReadShortAtEndOfFile() throws IOException {
        writeImage(dir.resolve("image"));
        try (LinuxBlockDevice device = LinuxBlockDevice.open(file, OpenOptions.of(512))) {
            ByteBuffer dst = ByteBuffer.allocate(4096);
            ReadOutcome outcome = device.read(SIZE - 1000, dst);
            assertThat(outcome.copiedBytes()).isEqualTo(1000);
            assertThat(outcome.hasError()).isFalse();
            assertThat(Arrays.copyOf(dst.array(), 1000)).isEqualTo(Arrays.copyOfRange(data, SIZE - 1000, SIZE));
            ReadOutcome beyond = device.read(SIZE + 4096, ByteBuffer.allocate(512));
            assertThat(beyond.copiedBytes()).isZero();
            assertThat(beyond.hasError()).isFalse();
        }
    }

    @Test
    void shouldReadWithODirectAndStopAtTheUnalignedEndOfFile() throws IOException {
        writeImage(dir.resolve("image"));
        try (LinuxBlockDevice device = LinuxBlockDevice.open(file, OpenOptions.of(512).withDirectIo(true))) {
            assumeTrue(device.directIo(), "the file system of the temporary directory refuses O_DIRECT");
            ByteBuffer dst = ByteBuffer.allocate(8192);
            int pos = (1 << 20) - 512; // sector-aligned, 1512 bytes before the end
            ReadOutcome outcome = device.read(pos, dst);
            assertThat(outcome.copiedBytes()).isEqualTo(1512);
            assertThat(outcome.hasError()).isFalse();
            assertThat(Arrays.copyOf(dst.array(), 1512)).isEqualTo(Arrays.copyOfRange(data, pos, SIZE));
        }
    }

    @Test
    void shouldFallBackToThePageCacheWhereODirectIsRefused() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no writable /dev/shm (tmpfs)");
        Path image = Files.createTempFile(shm, "qrescue-", ".img");
        try {
            writeImage(image);
            // tmpfs refuses O_DIRECT with EINVAL before Linux 6.6 and accepts it since
            assumeTrue(jdkRefusesDirectIo(image), "this kernel's tmpfs accepts O_DIRECT: no refusal to fall back from");
            try (LinuxBlockDevice device = LinuxBlockDevice.open(file, OpenOptions.of(512).withDirectIo(true))) {
                assertThat(device.directIo()).isFalse();
                ByteBuffer dst = ByteBuffer.allocate(1000);
                assertThat(device.read(3, dst).copiedBytes()).isEqualTo(1000);
                assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(data, 3, 1003));
            }
        } finally {
            Files.deleteIfExists(image);
        }
    }

    private static boolean jdkRefusesDirectIo(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void shouldThrowTheJdkExceptionsWhenOpeningFails() {
        assertThatThrownBy(() -> LinuxBlockDevice.open(dir.resolve("absent"), OpenOptions.of(512)))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("absent");
    }

    @Test
    void shouldReportErrnoOfFailedReadsAsOutcomes() throws IOException {
        try (LinuxBlockDevice device = LinuxBlockDevice.open(dir, OpenOptions.of(512))) {
            ReadOutcome outcome = device.read(0, ByteBuffer.allocate(512));
            assertThat(outcome.error()).isEqualTo(ReadError.EISDIR);
            assertThat(outcome.errorBytes()).isEqualTo(512);
            assertThat(outcome.error().isFatal()).isTrue();
        }
        writeImage(dir.resolve("image"));
        LinuxBlockDevice closed = LinuxBlockDevice.open(file, OpenOptions.of(512));
        closed.close();
        assertThat(closed.read(0, ByteBuffer.allocate(512)).error()).isEqualTo(ReadError.EBADF);
    }

    @Test
    void shouldReadAgainAfterReopen() throws IOException {
        writeImage(dir.resolve("image"));
        try (LinuxBlockDevice device = LinuxBlockDevice.open(file, OpenOptions.of(512))) {
            assertThat(device.reopen()).isTrue();
            ByteBuffer dst = ByteBuffer.allocate(512);
            assertThat(device.read(512, dst).copiedBytes()).isEqualTo(512);
            assertThat(dst.array()).isEqualTo(Arrays.copyOfRange(data, 512, 1024));
            Files.delete(file);
            assertThat(device.reopen()).as("the file is gone").isFalse();
            assertThat(device.read(0, ByteBuffer.allocate(512)).error()).isEqualTo(ReadError.EBADF);
        }
    }
}
