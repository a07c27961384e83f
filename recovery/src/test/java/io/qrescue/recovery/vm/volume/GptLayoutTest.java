package io.qrescue.recovery.vm.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class GptLayoutTest {
    private static final long DISK = 96L << 20;

    private static int crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    @Test
    void shouldLayOutFivePartitionsLikeAQnapDataDiskWithTheDataArrayOnPartitionThree() {
        GptLayout gpt = new GptLayout(DISK, 1);
        assertThat(gpt.partitions()).hasSize(5);
        assertThat(gpt.partition(1).firstLba()).isEqualTo(40);
        for (int i = 1; i < 5; i++) {
            assertThat(gpt.partition(i + 1).firstLba()).isGreaterThan(gpt.partition(i).lastLba());
            assertThat(gpt.partition(i + 1).firstLba() % 8).isZero();
        }
        assertThat(gpt.partition(5).lastLba()).isLessThanOrEqualTo(DISK / 512 - 34);
        long largest = gpt.partitions().stream().mapToLong(GptLayout.Partition::sizeBytes).max().orElseThrow();
        assertThat(gpt.partition(3).sizeBytes()).isEqualTo(largest);
    }

    @Test
    void shouldWriteHeadersWhoseChecksumsMatchAndPointAtEachOther() {
        GptLayout gpt = new GptLayout(DISK, 1);
        byte[] primary = gpt.primary();
        assertThat(primary[510] & 0xff).isEqualTo(0x55);
        assertThat(primary[511] & 0xff).isEqualTo(0xAA);
        assertThat(primary[446 + 4] & 0xff).isEqualTo(0xEE);
        ByteBuffer h = ByteBuffer.wrap(primary, 512, 512).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(primary, 512, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("EFI PART");
        byte[] header = new byte[92];
        System.arraycopy(primary, 512, header, 0, 92);
        int stored = h.getInt(16);
        java.util.Arrays.fill(header, 16, 20, (byte) 0);
        assertThat(crc(header, 0, 92)).isEqualTo(stored);
        assertThat(h.getInt(88)).isEqualTo(crc(primary, 1024, 128 * 128));
        assertThat(h.getLong(32)).isEqualTo(DISK / 512 - 1);

        byte[] backup = gpt.backup();
        ByteBuffer bh = ByteBuffer.wrap(backup, 32 * 512, 512).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bh.getLong(24)).isEqualTo(DISK / 512 - 1);
        assertThat(bh.getLong(72)).isEqualTo(DISK / 512 - 33);
        assertThat(bh.getInt(88)).isEqualTo(h.getInt(88));
        assertThat(gpt.backupOffsetBytes() + backup.length).isEqualTo(DISK);
    }

    @Test
    void shouldGiveTheSameBytesForTheSameSeedAndOtherGuidsForAnother() {
        assertThat(new GptLayout(DISK, 1).primary()).isEqualTo(new GptLayout(DISK, 1).primary());
        assertThat(new GptLayout(DISK, 2).primary()).isNotEqualTo(new GptLayout(DISK, 1).primary());
    }

    @Test
    void shouldStoreGuidsMixedEndian() {
        byte[] g = GptLayout.guid(java.util.UUID.fromString("ebd0a0a2-b9e5-4433-87c0-68b6b72699c7"));
        assertThat(java.util.HexFormat.of().formatHex(g)).isEqualTo("a2a0d0ebe5b9334487c068b6b72699c7");
    }
}
