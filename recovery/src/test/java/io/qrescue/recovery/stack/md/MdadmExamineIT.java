package io.qrescue.recovery.stack.md;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.testing.HostTool;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our superblock writer and reader against {@code mdadm --examine} on plain files (no md driver needed). */
@Tag("integration")
class MdadmExamineIT {

    private static final String MDADM = "/sbin/mdadm";
    private static final int MEMBER = 6 << 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsMdadm() {
        assumeTrue(HostTool.installed(MDADM), "mdadm is not installed");
    }

    private static Map<String, String> examine(Path file) throws Exception {
        return HostTool.examineFields(HostTool.run(java.util.List.of(MDADM, "--examine", file.toString())).out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.2"})
    void shouldAgreeWithMdadmOnEveryField1x(String version) throws Exception {
        MdSuperblockWriter w = new MdSuperblockWriter();
        w.dataOffsetSectors = version.equals("1.0") ? 0 : 2048;
        w.devNumber = 1;
        w.devRoles = new int[] {MdRole.FAULTY, 1};
        w.events = 708;
        w.resyncOffset = version.equals("1.1") ? 0 : -1;
        byte[] img = new byte[MEMBER];
        w.write(img, 0, MEMBER, version);
        Path f = dir.resolve("member-" + version);
        Files.write(f, img);
        Map<String, String> mdadm = examine(f);
        MdSuperblock sb;
        try (FileImageSource src = FileImageSource.open(f)) {
            sb = MdSuperblockReader.probe(src).best();
        }
        assertThat(mdadm.get("Magic")).isEqualTo("a92b4efc");
        assertThat(mdadm.get("Version")).isEqualTo(sb.version().text());
        assertThat(mdadm.get("Array UUID")).isEqualTo(sb.arrayUuid());
        assertThat(mdadm.get("Device UUID")).isEqualTo(sb.deviceUuid());
        assertThat(mdadm.get("Name")).startsWith(sb.name());
        assertThat(mdadm.get("Raid Level")).isEqualTo("raid" + sb.level());
        assertThat(mdadm.get("Raid Devices")).isEqualTo(Integer.toString(sb.raidDisks()));
        assertThat(mdadm.get("Avail Dev Size")).startsWith(sb.dataSizeSectors() + " sectors");
        assertThat(mdadm.get("Super Offset")).isEqualTo(sb.superOffsetSectors() + " sectors");
        if (sb.dataOffsetSectors() != 0) {
            assertThat(mdadm.get("Data Offset")).isEqualTo(sb.dataOffsetSectors() + " sectors");
        } else {
            assertThat(mdadm).doesNotContainKey("Data Offset");
        }
        assertThat(mdadm.get("Events")).isEqualTo(Long.toString(sb.events()));
        assertThat(mdadm.get("Checksum")).isEqualTo(String.format("%08x - correct", sb.storedChecksum()));
        assertThat(sb.checksumOk()).isTrue();
        assertThat(mdadm.get("State")).isEqualTo(sb.clean() ? "clean" : "active");
        assertThat(mdadm.get("Device Role")).isEqualTo(MdRole.describe(sb.role()));
        assertThat(mdadm.get("Array State")).startsWith("." + "A" + " ");
        assertThat(sb.arrayState()).isEqualTo(".A");
        assertThat(mdadm.get("Bad Block Log")).endsWith("at offset " + sb.bblogOffsetSectors() + " sectors");
    }

    @Test
    void shouldAgreeWithMdadmOnA090Superblock() throws Exception {
        MdSuperblockWriter w = new MdSuperblockWriter();
        w.events = 42;
        byte[] img = new byte[MEMBER];
        w.write(img, 0, MEMBER, "0.90");
        Path f = dir.resolve("member-090");
        Files.write(f, img);
        Map<String, String> mdadm = examine(f);
        MdSuperblock sb;
        try (FileImageSource src = FileImageSource.open(f)) {
            sb = MdSuperblockReader.probe(src).best();
        }
        assertThat(mdadm.get("Version")).isEqualTo("0.90.00");
        assertThat(mdadm.get("UUID")).isEqualTo(sb.arrayUuid());
        assertThat(mdadm.get("Raid Level")).isEqualTo("raid1");
        assertThat(mdadm.get("Used Dev Size")).startsWith(Long.toString(sb.sizeSectors() / 2));
        assertThat(mdadm.get("Events")).isEqualTo(Long.toString(sb.events()));
        assertThat(mdadm.get("Checksum")).isEqualTo(String.format("%x - correct", sb.storedChecksum()));
        assertThat(sb.checksumOk()).isTrue();
    }

    @Test
    void shouldAgreeWithMdadmThatAFlippedBitBreaksTheChecksum() throws Exception {
        byte[] img = new byte[MEMBER];
        new MdSuperblockWriter().write(img, 0, MEMBER, "1.2");
        img[4096 + 200] ^= 2;
        Path f = dir.resolve("bad");
        Files.write(f, img);
        Map<String, String> mdadm = examine(f);
        MdSuperblock sb;
        try (FileImageSource src = FileImageSource.open(f)) {
            sb = MdSuperblockReader.probe(src).best();
        }
        assertThat(mdadm.get("Checksum")).isEqualTo(String.format("%08x - expected %08x", sb.storedChecksum(),
                sb.computedChecksum()));
        assertThat(sb.checksumOk()).isFalse();
    }
}
