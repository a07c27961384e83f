package io.qrescue.recovery.stack.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.stack.testing.PartitionTableWriter;
import org.junit.jupiter.api.Test;

class PartitionTableReaderTest {

    private static final int DISK = 8 << 20;

    private static PartitionTableWriter qnapLike() {
        PartitionTableWriter w = new PartitionTableWriter();
        w.add(40, 2087, "one");
        w.add(2096, 4143, "");
        w.parts.add(new PartitionTableWriter.Part(4144, 12000, PartitionTableWriter.LINUX_RAID, "data", 0xfd));
        return w;
    }

    @Test
    void shouldReadGptPartitionsWithTypesAndNames() {
        byte[] img = new byte[DISK];
        qnapLike().writeGpt(img);
        PartitionTable t = PartitionTableReader.read(new ByteArraySource(img));
        assertThat(t.scheme()).isEqualTo(PartitionScheme.GPT);
        assertThat(t.findings()).isEmpty();
        assertThat(t.usedBackupGpt()).isFalse();
        assertThat(t.diskGuid()).isEqualTo("AEFC8B50-1DBC-46F6-844F-60D7BD2704AB");
        assertThat(t.partitions()).hasSize(3);
        Partition p1 = t.partition(1);
        assertThat(p1.startBytes()).isEqualTo(40 * 512L);
        assertThat(p1.sizeBytes()).isEqualTo(2048 * 512L);
        assertThat(p1.typeGuid()).isEqualTo(PartitionTableWriter.BASIC_DATA);
        assertThat(p1.name()).isEqualTo("one");
        Partition p3 = t.partition(3);
        assertThat(p3.typeGuid()).isEqualTo(PartitionTableWriter.LINUX_RAID);
        assertThat(p3.name()).isEqualTo("data");
        assertThat(p3.endBytes()).isEqualTo(12001 * 512L);
    }

    @Test
    void shouldFallBackToTheBackupWhenThePrimaryHeaderIsDamaged() {
        byte[] img = new byte[DISK];
        qnapLike().writeGpt(img);
        img[512 + 40] ^= 1; // first_usable_lba: header CRC no longer matches
        PartitionTable t = PartitionTableReader.read(new ByteArraySource(img));
        assertThat(t.usedBackupGpt()).isTrue();
        assertThat(t.partitions()).hasSize(3);
        assertThat(t.findings()).anySatisfy(f -> {
            assertThat(f.structure()).isEqualTo("primary GPT header");
            assertThat(f.offsetBytes()).isEqualTo(512 + 16);
            assertThat(f.message()).contains("CRC32");
        });
    }

    @Test
    void shouldFallBackToTheBackupWhenThePrimaryEntriesAreDamaged() {
        byte[] img = new byte[DISK];
        qnapLike().writeGpt(img);
        img[1024 + 128 + 33] ^= 0x10;
        PartitionTable t = PartitionTableReader.read(new ByteArraySource(img));
        assertThat(t.usedBackupGpt()).isTrue();
        assertThat(t.partition(2).startBytes()).isEqualTo(2096 * 512L);
        assertThat(t.findings()).extracting(Finding::structure).contains("primary GPT entries");
    }

    @Test
    void shouldWarnWhenOnlyTheBackupIsDamaged() {
        byte[] img = new byte[DISK];
        qnapLike().writeGpt(img);
        img[DISK - 512 + 60] ^= 1;
        PartitionTable t = PartitionTableReader.read(new ByteArraySource(img));
        assertThat(t.usedBackupGpt()).isFalse();
        assertThat(t.partitions()).hasSize(3);
        assertThat(t.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.structure()).isEqualTo("backup GPT header");
            assertThat(f.offsetBytes()).isEqualTo(DISK - 512 + 16);
        });
    }

    @Test
    void shouldReportBothCopiesDamaged() {
        byte[] img = new byte[DISK];
        qnapLike().writeGpt(img);
        img[512 + 60] ^= 1;
        img[DISK - 512 + 60] ^= 1;
        PartitionTable t = PartitionTableReader.read(new ByteArraySource(img));
        assertThat(t.scheme()).isEqualTo(PartitionScheme.GPT);
        assertThat(t.partitions()).isEmpty();
        assertThat(t.findings()).filteredOn(f -> f.severity() == Severity.ERROR).hasSize(2);
    }

    @Test
    void shouldRejectAnEntryCountThatWouldAllocateMoreThanTheImage() {
        byte[] img = new byte[DISK];
        qnapLike().writeGpt(img);
        // num_partition_entries = 0xffffffff with a valid header CRC: the count itself is the lie.
        for (int i = 0; i < 4; i++) {
            img[512 + 80 + i] = (byte) 0xff;
        }
        rewriteHeaderCrc(img, 512);
        PartitionTable t = PartitionTableReader.read(new ByteArraySource(img));
        assertThat(t.findings()).anySatisfy(f -> {
            assertThat(f.structure()).isEqualTo("primary GPT header");
            assertThat(f.offsetBytes()).isEqualTo(512 + 72);
        });
        assertThat(t.usedBackupGpt()).isTrue();
    }

    @Test
    void shouldReadAnOldFirmwareMbr() {
        byte[] img = new byte[DISK];
        PartitionTableWriter w = new PartitionTableWriter();
        w.parts.add(new PartitionTableWriter.Part(63, 1060312, null, "", 0x83));
        w.parts.add(new PartitionTableWriter.Part(1060313, 2120624, null, "", 0x82));
        w.writeMbr(img);
        PartitionTable t = PartitionTableReader.read(new ByteArraySource(img));
        assertThat(t.scheme()).isEqualTo(PartitionScheme.MBR);
        assertThat(t.partitions()).extracting(Partition::mbrType).containsExactly(0x83, 0x82);
        assertThat(t.partition(1).startBytes()).isEqualTo(63 * 512L);
        // Both reach past this small test image: reported, still listed.
        assertThat(t.findings()).hasSize(2).allSatisfy(f -> assertThat(f.structure()).startsWith("MBR entry"));
    }

    @Test
    void shouldSayNoneForAnUnpartitionedImage() {
        PartitionTable t = PartitionTableReader.read(new ByteArraySource(new byte[4096]));
        assertThat(t.scheme()).isEqualTo(PartitionScheme.NONE);
        assertThat(t.partitions()).isEmpty();
        assertThat(PartitionTableReader.read(new ByteArraySource(new byte[10])).scheme()).isEqualTo(PartitionScheme.NONE);
    }

    static void rewriteHeaderCrc(byte[] img, int at) {
        for (int i = 16; i < 20; i++) {
            img[at + i] = 0;
        }
        long crc = PartitionTableReader.crc32(img, at, 92);
        for (int i = 0; i < 4; i++) {
            img[at + 16 + i] = (byte) (crc >>> (8 * i));
        }
    }
}
