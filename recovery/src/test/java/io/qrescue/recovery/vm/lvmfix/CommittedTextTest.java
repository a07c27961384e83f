package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.source.ByteArraySource;
import org.junit.jupiter.api.Test;

class CommittedTextTest {

    private static final int PE_START = 1 << 20;

    @Test
    void shouldReadTheCommittedText() throws Exception {
        String text = Fixtures.qnapTierText();
        byte[] image = PvImageBuilder.write(new byte[2 << 20], 0, Fixtures.PV_UUID, 2 << 20, PE_START, text, 512);
        PvMetadata m = CommittedText.read(new ByteArraySource(image), 0, "p3.img");
        assertThat(m.text()).isEqualTo(text);
        assertThat(m.pvUuid()).isEqualTo(Fixtures.PV_UUID);
        assertThat(m.textOffsetBytes()).isEqualTo(4096 + 512);
    }

    @Test
    void shouldDecodeTheTextAsUtf8() throws Exception {
        String text = "vg1 {\nid = \"x\"\n}\n# Größe über \u20ac\n";
        byte[] image = PvImageBuilder.write(new byte[2 << 20], 0, Fixtures.PV_UUID, 2 << 20, PE_START, text, 512);
        assertThat(CommittedText.read(new ByteArraySource(image), 0, "p3.img").text()).isEqualTo(text);
    }

    @Test
    void shouldJoinATextThatWrapsInTheCircularBuffer() throws Exception {
        String text = Fixtures.qnapTierText();
        int mdaSize = PE_START - 4096;
        byte[] image = PvImageBuilder.write(new byte[2 << 20], 0, Fixtures.PV_UUID, 2 << 20, PE_START, text,
                mdaSize - 1000);
        assertThat(CommittedText.read(new ByteArraySource(image), 0, "p3.img").text()).isEqualTo(text);
    }

    @Test
    void shouldNameTheOffsetOfABadChecksum() throws Exception {
        byte[] image = PvImageBuilder.write(new byte[2 << 20], 0, Fixtures.PV_UUID, 2 << 20, PE_START, "vg1 {\n}\n", 512);
        image[4096 + 512 + 2] ^= 1;
        assertThatThrownBy(() -> CommittedText.read(new ByteArraySource(image), 0, "p3.img"))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessageStartingWith("p3.img: LVM metadata text at offset 4608: checksum ");
        assertThatThrownBy(() -> CommittedText.read(new ByteArraySource(new byte[8192]), 0, "zero.img"))
                .hasMessage("zero.img: no LVM label in sectors 0-3 of the PV at offset 0");
    }

    @Test
    void shouldRefuseALabelWhoseChecksumIsWrong() {
        byte[] image = PvImageBuilder.write(new byte[2 << 20], 0, Fixtures.PV_UUID, 2 << 20, PE_START, "vg1 {\n}\n", 512);
        image[512 + 40] ^= 1; // inside the pv_header, covered by the label's crc_xl
        assertThatThrownBy(() -> CommittedText.read(new ByteArraySource(image), 0, "p3.img"))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessageStartingWith("p3.img: LVM label at offset 528: crc_xl ");
    }
}
