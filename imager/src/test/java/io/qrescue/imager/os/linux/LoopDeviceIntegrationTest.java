package io.qrescue.imager.os.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.device.AlignedReadDevice;
import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.BlockDevices;
import io.qrescue.imager.device.OpenOptions;
import io.qrescue.imager.device.ReadError;
import io.qrescue.imager.device.ReadOutcome;
import io.qrescue.imager.testing.LoopDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LinuxBlockDevice} on real block devices: loop devices with 512- and 4096-byte logical sectors. */
@Tag("integration")
@EnabledOnOs(OS.LINUX)
class LoopDeviceIntegrationTest {

    private static final int SIZE = 8 << 20;

    @TempDir
    Path dir;

    private byte[] data;
    private Path image;

    @BeforeEach
    void writeImage() throws IOException {
        LoopDevice.assumeAvailable();
        data = new byte[SIZE];
        new Random(4096).nextBytes(data);
        image = Files.write(dir.resolve("disk.img"), data);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void shouldReadTheDeviceWithODirect(int sectorSize) throws IOException {
        try (LoopDevice loop = LoopDevice.attach(image, sectorSize);
                LinuxBlockDevice device = LinuxBlockDevice.open(loop.path(),
                        OpenOptions.of(sectorSize).withDirectIo(true))) {
            assertThat(device.directIo()).isTrue();
            assertThat(device.size()).isEqualTo(SIZE);
            assertThat(device.logicalSectorSize()).isEqualTo(sectorSize);
            assertThat(device.physicalSectorSize()).isGreaterThanOrEqualTo(sectorSize);

            ByteBuffer all = ByteBuffer.allocate(SIZE);
            ReadOutcome whole = device.read(0, all);
            assertThat(whole.copiedBytes()).isEqualTo(SIZE);
            assertThat(Arrays.equals(all.array(), data)).as("whole device equals the image").isTrue();

            ByteBuffer one = ByteBuffer.allocate(sectorSize);
            assertThat(device.read(SIZE - sectorSize, one).copiedBytes()).as("last sector").isEqualTo(sectorSize);
            assertThat(one.array()).isEqualTo(Arrays.copyOfRange(data, SIZE - sectorSize, SIZE));

            ByteBuffer past = ByteBuffer.allocate(2 * sectorSize);
            ReadOutcome end = device.read(SIZE - sectorSize, past);
            assertThat(end.copiedBytes()).as("short read at end of device").isEqualTo(sectorSize);
            assertThat(end.hasError()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void shouldRefuseUnalignedRequestsWithEinval(int sectorSize) throws IOException {
        try (LoopDevice loop = LoopDevice.attach(image, sectorSize);
                LinuxBlockDevice device = LinuxBlockDevice.open(loop.path(),
                        OpenOptions.of(sectorSize).withDirectIo(true))) {
            ReadOutcome offset = device.read(sectorSize / 2, ByteBuffer.allocate(sectorSize));
            assertThat(offset).extracting(ReadOutcome::copiedBytes, ReadOutcome::errorBytes, ReadOutcome::error)
                    .containsExactly(0, sectorSize, ReadError.EINVAL);
            ReadOutcome length = device.read(0, ByteBuffer.allocate(sectorSize + 100));
            assertThat(length.error()).isEqualTo(ReadError.EINVAL);
            assertThat(length.copiedBytes()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void shouldReadAnyByteRangeWhenWidenedToSectors(int sectorSize) throws IOException {
        // ddrescue -d: the CLI stacks the widening reader on the native device
        try (LoopDevice loop = LoopDevice.attach(image, sectorSize);
                BlockDevice device = new AlignedReadDevice(BlockDevices.open(loop.path(),
                        OpenOptions.of(sectorSize).withDirectIo(true)))) {
            assertThat(device.directIo()).isTrue();
            Random random = new Random(sectorSize);
            for (int i = 0; i < 200; i++) {
                int pos = random.nextInt(SIZE);
                int size = 1 + random.nextInt(Math.min(200_000, SIZE - pos));
                ByteBuffer dst = ByteBuffer.allocate(size);
                assertThat(device.read(pos, dst).copiedBytes()).isEqualTo(size);
                assertThat(Arrays.equals(dst.array(), 0, size, data, pos, pos + size)).as("[%d, +%d)", pos, size)
                        .isTrue();
            }
        }
    }
}
