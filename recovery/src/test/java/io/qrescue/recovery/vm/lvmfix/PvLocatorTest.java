package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.testing.LvmPvWriter;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import io.qrescue.recovery.stack.testing.PartitionTableWriter;
import org.junit.jupiter.api.Test;

class PvLocatorTest {

    private static final int DISK_BYTES = 8 << 20;
    private static final long P3_START = 4L << 20;

    private static PartitionTableWriter threePartitions() {
        return new PartitionTableWriter().add(34, 2047, "p1").add(2048, 4095, "p2")
                .add(P3_START / 512, DISK_BYTES / 512 - 34, "p3");
    }

    @Test
    void shouldFindThePvInPartitionThreeOfAGptDisk() throws Exception {
        byte[] disk = new byte[DISK_BYTES];
        threePartitions().writeGpt(disk);
        new LvmPvWriter().text("vg1 {\n}\n").write(disk, P3_START, 4 << 20);
        ByteArraySource source = new ByteArraySource(disk);
        assertThat(PvLocator.pvOffsets(source)).containsExactly(P3_START);
        assertThat(PvLocator.candidates(source)).containsEntry(P3_START, "partition 3");
        assertThat(CommittedText.read(source, P3_START, "disk.img").text()).isEqualTo("vg1 {\n}\n");
    }

    @Test
    void shouldFindThePvAfterTheDataOffsetOfAnMd12MemberInAnMbrPartition() throws Exception {
        byte[] disk = new byte[DISK_BYTES];
        threePartitions().writeMbr(disk);
        long memberBytes = DISK_BYTES - 33 * 512 - P3_START; // through LBA DISK_BYTES / 512 - 34
        MdSuperblockWriter md = new MdSuperblockWriter();
        md.dataOffsetSectors = 2048;
        md.sizeSectors = memberBytes / 512 - 2048;
        md.write(disk, P3_START, memberBytes, "1.2");
        long pvStart = P3_START + 2048 * 512;
        new LvmPvWriter().text("vg1 {\n}\n").write(disk, pvStart, memberBytes - 2048 * 512);
        ByteArraySource source = new ByteArraySource(disk);
        assertThat(PvLocator.candidates(source)).containsEntry(pvStart, "partition 3, md 1.2 data");
        assertThat(PvLocator.pvOffsets(source)).containsExactly(pvStart);
    }
}
