package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.testing.LvmPvWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PvLocatorTest {

    @Test
    void shouldFindThePvInPartitionThreeOfAGptDisk() throws Exception {
        byte[] disk = new byte[8 << 20];
        long p3Start = 4L << 20;
        gpt(disk, new long[][] {{34, 2047}, {2048, 4095}, {p3Start / 512, disk.length / 512 - 34}});
        new LvmPvWriter().text("vg1 {\n}\n").write(disk, p3Start, 4 << 20);
        ByteArraySource source = new ByteArraySource(disk);
        assertThat(PvLocator.pvOffsets(source)).containsExactly(p3Start);
        assertThat(PvLocator.candidates(source)).containsEntry(p3Start, "partition 3");
        assertThat(CommittedText.read(source, p3Start, "disk.img").text()).isEqualTo("vg1 {\n}\n");
    }

    /** A protective MBR and a GPT header at LBA 1 with entries at LBA 2 ({first, last} LBAs). */
    private static void gpt(byte[] disk, long[][] parts) {
        disk[510] = 0x55;
        disk[511] = (byte) 0xaa;
        disk[446 + 4] = (byte) 0xee;
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        System.arraycopy("EFI PART".getBytes(), 0, disk, 512, 8);
        b.putLong(512 + 72, 2);
        b.putInt(512 + 80, 128);
        b.putInt(512 + 84, 128);
        for (int i = 0; i < parts.length; i++) {
            int e = 1024 + 128 * i;
            b.putLong(e, 0x4433221100L + i); // any non-zero type GUID
            b.putLong(e + 32, parts[i][0]);
            b.putLong(e + 40, parts[i][1]);
        }
    }
}
