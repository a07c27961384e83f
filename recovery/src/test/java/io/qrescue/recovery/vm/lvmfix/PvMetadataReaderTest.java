package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.source.ByteArraySource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PvMetadataReaderTest {

    private static final int PE_START = 1 << 20;

    @Test
    void shouldReadTheCommittedText() throws Exception {
        String text = Fixtures.qnapTierText();
        byte[] image = PvImageBuilder.write(new byte[2 << 20], 0, Fixtures.PV_UUID, 2 << 20, PE_START, text, 512);
        PvMetadata m = new PvMetadataReader("p3.img").read(new ByteArraySource(image), 0);
        assertThat(m.text()).isEqualTo(text);
        assertThat(m.pvUuid()).isEqualTo(Fixtures.PV_UUID);
        assertThat(m.textOffsetBytes()).isEqualTo(4096 + 512);
    }

    @Test
    void shouldJoinATextThatWrapsInTheCircularBuffer() throws Exception {
        String text = Fixtures.qnapTierText();
        int mdaSize = PE_START - 4096;
        byte[] image = PvImageBuilder.write(new byte[2 << 20], 0, Fixtures.PV_UUID, 2 << 20, PE_START, text,
                mdaSize - 1000);
        assertThat(new PvMetadataReader("p3.img").read(new ByteArraySource(image), 0).text()).isEqualTo(text);
    }

    @Test
    void shouldFindThePvInPartitionThreeOfAGptDisk() throws Exception {
        byte[] disk = new byte[8 << 20];
        long p3Start = 4L << 20;
        gpt(disk, new long[][] {{34, 2047}, {2048, 4095}, {p3Start / 512, disk.length / 512 - 34}});
        PvImageBuilder.write(disk, (int) p3Start, Fixtures.PV_UUID, 4 << 20, PE_START, "vg1 {\n}\n", 512);
        PvMetadataReader reader = new PvMetadataReader("disk.img");
        PvLocator locator = new PvLocator(reader);
        ByteArraySource source = new ByteArraySource(disk);
        assertThat(locator.pvOffsets(source)).containsExactly(p3Start);
        assertThat(locator.candidates(source)).containsEntry(p3Start, "partition 3");
        assertThat(reader.read(source, p3Start).text()).isEqualTo("vg1 {\n}\n");
    }

    @Test
    void shouldNameTheOffsetOfABadChecksum() throws Exception {
        byte[] image = PvImageBuilder.write(new byte[2 << 20], 0, Fixtures.PV_UUID, 2 << 20, PE_START, "vg1 {\n}\n", 512);
        image[4096 + 512 + 2] ^= 1;
        assertThatThrownBy(() -> new PvMetadataReader("p3.img").read(new ByteArraySource(image), 0))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessage("p3.img: metadata text checksum mismatch at offset 4608");
        assertThatThrownBy(() -> new PvMetadataReader("zero.img").read(new ByteArraySource(new byte[8192]), 0))
                .hasMessage("zero.img: no LVM label in sectors 0-3 of the PV at offset 0");
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
