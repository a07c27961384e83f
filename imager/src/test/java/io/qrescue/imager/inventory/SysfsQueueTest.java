package io.qrescue.imager.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsQueueTest {

    @TempDir
    Path sysBlock;

    @Test
    void shouldParseRotationalAsTheKernelWritesIt() {
        assertThat(SysfsQueue.parseRotational("1\n")).isEqualTo(Rotational.TRUE);
        assertThat(SysfsQueue.parseRotational("0\n")).isEqualTo(Rotational.FALSE);
        assertThat(SysfsQueue.parseRotational("")).isEqualTo(Rotational.UNKNOWN);
        assertThat(SysfsQueue.parseRotational("2\n")).isEqualTo(Rotational.UNKNOWN);
        assertThat(SysfsQueue.parseRotational("yes")).isEqualTo(Rotational.UNKNOWN);
    }

    @Test
    void shouldAcceptOnlyPowerOfTwoBlockSizes() {
        assertThat(SysfsQueue.parseBlockSize("512\n")).hasValue(512);
        assertThat(SysfsQueue.parseBlockSize("4096\n")).hasValue(4096);
        assertThat(SysfsQueue.parseBlockSize("0\n")).isEmpty();
        assertThat(SysfsQueue.parseBlockSize("520\n")).isEmpty();
        assertThat(SysfsQueue.parseBlockSize("-512")).isEmpty();
        assertThat(SysfsQueue.parseBlockSize("99999999999")).isEmpty();
        assertThat(SysfsQueue.parseBlockSize("")).isEmpty();
    }

    @Test
    void shouldReadTheQueueOfADisk() throws IOException {
        writeQueue("sdb", "1\n", "512\n", "4096\n");

        SysfsQueue.Facts facts = SysfsQueue.read(sysBlock, "sdb");

        assertThat(facts.rotational()).isEqualTo(Rotational.TRUE);
        assertThat(facts.logicalSectorSize()).hasValue(512);
        assertThat(facts.physicalSectorSize()).hasValue(4096);
    }

    @Test
    void shouldGiveUnknownForMissingOrOddFiles() throws IOException {
        Path queue = Files.createDirectories(sysBlock.resolve("nvme0n1/queue"));
        Files.writeString(queue.resolve("logical_block_size"), "garbage\n");
        Files.writeString(queue.resolve("physical_block_size"), "4096\n".repeat(100)); // too long to be sysfs

        SysfsQueue.Facts facts = SysfsQueue.read(sysBlock, "nvme0n1");

        assertThat(facts).isEqualTo(SysfsQueue.Facts.UNKNOWN);
        assertThat(SysfsQueue.read(sysBlock, "sdz")).isEqualTo(SysfsQueue.Facts.UNKNOWN);
    }

    @Test
    void shouldNotLeaveSysBlockForANameWithASlash() throws IOException {
        writeQueue("sdb", "0\n", "512\n", "512\n");
        Path inner = Files.createDirectories(sysBlock.resolve("inner"));

        assertThat(SysfsQueue.read(inner, "../sdb")).isEqualTo(SysfsQueue.Facts.UNKNOWN);
        assertThat(SysfsQueue.read(inner, "..")).isEqualTo(SysfsQueue.Facts.UNKNOWN);
        assertThat(SysfsQueue.read(sysBlock, "sdb").logicalSectorSize()).isEqualTo(OptionalInt.of(512));
    }

    private void writeQueue(String name, String rotational, String logical, String physical) throws IOException {
        Path queue = Files.createDirectories(sysBlock.resolve(name).resolve("queue"));
        Files.writeString(queue.resolve("rotational"), rotational);
        Files.writeString(queue.resolve("logical_block_size"), logical);
        Files.writeString(queue.resolve("physical_block_size"), physical);
    }
}
