package io.qrescue.recovery.stack.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MdSuperblockReaderTest {

    private static final int MEMBER = 4 << 20;

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.2"})
    void shouldDecodeEveryField1x(String version) {
        MdSuperblockWriter w = new MdSuperblockWriter();
        w.dataOffsetSectors = version.equals("1.0") ? 0 : 2048;
        w.devNumber = 1;
        w.devRoles = new int[] {MdRole.FAULTY, 0, MdRole.SPARE};
        w.events = 708;
        byte[] img = new byte[MEMBER];
        w.write(img, 0, MEMBER, version);
        MdProbe probe = MdSuperblockReader.probe(new ByteArraySource(img));
        assertThat(probe.findings()).isEmpty();
        MdSuperblock sb = probe.best();
        assertThat(sb.version().text()).isEqualTo(version);
        assertThat(sb.checksumOk()).isTrue();
        assertThat(sb.arrayUuid()).isEqualTo("e767caf1:30504500:f7da4b48:92bb490e");
        assertThat(sb.deviceUuid()).isEqualTo("d2715d67:9bcc2c06:addcbc12:c70281b2");
        assertThat(sb.name()).isEqualTo("1");
        assertThat(sb.level()).isEqualTo(1);
        assertThat(sb.raidDisks()).isEqualTo(2);
        assertThat(sb.events()).isEqualTo(708);
        assertThat(sb.role()).isEqualTo(0);
        assertThat(sb.devRoles()).containsExactly(MdRole.FAULTY, 0, MdRole.SPARE);
        assertThat(sb.clean()).isTrue();
        assertThat(sb.dataOffsetSectors()).isEqualTo(w.dataOffsetSectors);
        assertThat(sb.superOffsetSectors() * 512).isEqualTo(sb.offsetBytes());
        assertThat(sb.bblogOffsetSectors()).isEqualTo(-8);
        assertThat(sb.ctimeSeconds()).isEqualTo(w.ctime);
        assertThat(sb.arrayState()).isEqualTo("A.");
        long expectedAt = switch (version) {
            case "1.0" -> ((MEMBER / 512 - 16) & ~7L) * 512;
            case "1.1" -> 0;
            default -> 4096;
        };
        assertThat(sb.offsetBytes()).isEqualTo(expectedAt);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldDecode090InEitherByteOrder(boolean bigEndian) {
        MdSuperblockWriter w = new MdSuperblockWriter();
        w.bigEndian = bigEndian;
        w.events = (5L << 32) + 7;
        w.devNumber = 1;
        byte[] img = new byte[MEMBER];
        w.write(img, 0, MEMBER, "0.90");
        MdProbe probe = MdSuperblockReader.probe(new ByteArraySource(img));
        MdSuperblock sb = probe.best();
        assertThat(sb.version()).isEqualTo(MdVersion.V0_90);
        assertThat(sb.bigEndian()).isEqualTo(bigEndian);
        assertThat(sb.checksumOk()).isTrue();
        assertThat(sb.events()).isEqualTo((5L << 32) + 7);
        assertThat(sb.offsetBytes()).isEqualTo(MEMBER - 65536);
        assertThat(sb.sizeSectors()).isEqualTo((MEMBER - 65536) / 512);
        assertThat(sb.chunkSectors()).isEqualTo(128);
        assertThat(sb.role()).isEqualTo(1);
        assertThat(sb.arrayUuid()).isEqualTo(String.format("%08x:%08x:%08x:%08x", 0xf1ca67e7L, 0x00455030L, 0x484bdaf7L,
                0x0e49bb92L));
    }

    @Test
    void shouldReportABadChecksumAtItsOffset() {
        byte[] img = new byte[MEMBER];
        new MdSuperblockWriter().write(img, 0, MEMBER, "1.0");
        long at = ((MEMBER / 512 - 16) & ~7L) * 512;
        img[(int) at + 200] ^= 4; // events
        MdProbe probe = MdSuperblockReader.probe(new ByteArraySource(img));
        assertThat(probe.best().checksumOk()).isFalse();
        assertThat(probe.findings()).anySatisfy(f -> {
            assertThat(f.structure()).isEqualTo("md superblock 1.0");
            assertThat(f.offsetBytes()).isEqualTo(at + 216);
        });
    }

    @Test
    void shouldRejectAMaxDevThatWouldOverrunTheSuperblock() {
        byte[] img = new byte[MEMBER];
        new MdSuperblockWriter().write(img, 0, MEMBER, "1.2");
        img[4096 + 221] = 0x7f;
        MdProbe probe = MdSuperblockReader.probe(new ByteArraySource(img));
        assertThat(probe.findings()).anySatisfy(f -> assertThat(f.offsetBytes()).isEqualTo(4096 + 220));
        assertThat(probe.best().devRoles()).isEmpty();
    }

    @Test
    void shouldFindNothingOnZeros() {
        MdProbe probe = MdSuperblockReader.probe(new ByteArraySource(new byte[MEMBER]));
        assertThat(probe.best()).isNull();
        assertThat(probe.findings()).isEmpty();
    }

    @Test
    void shouldMatchTheChecksumOfTheWriterIndependently() {
        byte[] img = new byte[MEMBER];
        MdSuperblockWriter w = new MdSuperblockWriter();
        w.devRoles = new int[] {0, 1, 2}; // odd byte count 262: the trailing u16 path
        w.write(img, 0, MEMBER, "1.1");
        assertThat(MdSuperblockReader.probe(new ByteArraySource(img)).best().checksumOk()).isTrue();
    }
}
