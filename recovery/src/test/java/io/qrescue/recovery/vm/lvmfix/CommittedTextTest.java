package io.qrescue.recovery.vm.lvmfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.testing.LvmPvWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class CommittedTextTest {

    private static final int PV_BYTES = 2 << 20;

    /** A PV image whose committed text is {@code text}. */
    private static byte[] pv(String text, boolean wrapCommitted) {
        LvmPvWriter w = new LvmPvWriter().text(text);
        w.pvUuid = Fixtures.PV_UUID;
        w.wrapCommitted = wrapCommitted;
        byte[] image = new byte[PV_BYTES];
        w.write(image, 0, PV_BYTES);
        return image;
    }

    @Test
    void shouldReadTheCommittedText() throws Exception {
        String text = Fixtures.qnapTierText();
        byte[] image = pv(text, false);
        PvMetadata m = CommittedText.read(new ByteArraySource(image), 0, "p3.img");
        assertThat(m.text()).isEqualTo(text);
        assertThat(m.pvUuid()).isEqualTo(Fixtures.PV_UUID);
        assertThat(m.textOffsetBytes()).isEqualTo(4096 + 512);
    }

    @Test
    void shouldDecodeTheTextAsUtf8() throws Exception {
        String text = "vg1 {\nid = \"x\"\n}\n# Größe über \u20ac\n";
        byte[] image = pv(text, false);
        assertThat(CommittedText.read(new ByteArraySource(image), 0, "p3.img").text()).isEqualTo(text);
    }

    @Test
    void shouldJoinATextThatWrapsInTheCircularBuffer() throws Exception {
        String text = Fixtures.qnapTierText();
        byte[] image = pv(text, true);
        int mdaSize = (1 << 20) - 4096;
        assertThat(textOffsetInMda(image) + text.length()).as("the text wraps").isGreaterThan(mdaSize);
        assertThat(CommittedText.read(new ByteArraySource(image), 0, "p3.img").text()).isEqualTo(text);
    }

    @Test
    void shouldNameTheOffsetOfABadChecksum() throws Exception {
        byte[] image = pv("vg1 {\n}\n", false);
        image[4096 + 512 + 2] ^= 1;
        assertThatThrownBy(() -> CommittedText.read(new ByteArraySource(image), 0, "p3.img"))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessageStartingWith("p3.img: LVM metadata text at offset 4608: checksum ");
        assertThatThrownBy(() -> CommittedText.read(new ByteArraySource(new byte[8192]), 0, "zero.img"))
                .hasMessage("zero.img: no LVM label in sectors 0-3 of the PV at offset 0");
    }

    @Test
    void shouldRefuseALabelWhoseChecksumIsWrong() {
        byte[] image = pv("vg1 {\n}\n", false);
        image[512 + 40] ^= 1; // inside the pv_header, covered by the label's crc_xl
        assertThatThrownBy(() -> CommittedText.read(new ByteArraySource(image), 0, "p3.img"))
                .isInstanceOf(MetadataFormatException.class)
                .hasMessageStartingWith("p3.img: LVM label at offset 528: crc_xl ");
    }

    private static long textOffsetInMda(byte[] image) {
        return ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).getLong(4096 + 40);
    }
}
