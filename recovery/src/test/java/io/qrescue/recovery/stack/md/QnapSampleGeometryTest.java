package io.qrescue.recovery.stack.md;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the QNAP console samples state about md geometry, checked against our location rules: the 1.0 superblock
 * of a member of N sectors is at (N − 16) & ~7, and mdadm's "Unused Space after" = super_offset − used size
 * − the bad-block log area.
 */
class QnapSampleGeometryTest {

    private static Path samples() {
        return Path.of(System.getProperty("qrescue.shared", "/work/shared"), "samples", "qnap");
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void shouldPlaceSample02sSuperblockWhereMdadmSaysItIs() throws IOException {
        String s = Files.readString(samples().resolve("02_blog_raid1_single_disk_fdisk_mdadm_vgdisplay_lvdisplay.txt"));
        long p3Sectors = number(s, "/dev/sdb3\\s+\\d+\\s+\\d+\\s+(\\d+)");
        long superOffset = number(s, "Super Offset : (\\d+) sectors");
        assertThat(MdVersion.V1_0.superblockOffsetBytes(p3Sectors * 512)).isEqualTo(superOffset * 512);
        long used = number(s, "Used Dev Size : (\\d+)");
        long after = number(s, "after=(\\d+) sectors");
        // "Bad Block Log : 512 entries available at offset -8 sectors": 8 sectors below the superblock are the log.
        assertThat(s).contains("at offset -8 sectors");
        assertThat(superOffset - used - 8).isEqualTo(after);
        // RAID1: "Array Size" (KiB) is the used dev size.
        long arrayKib = number(s, "Array Size : (\\d+)");
        assertThat(used / 2).isEqualTo(arrayKib);
    }

    @Test
    void shouldMatchSample01sUnusedSpaceWithoutABadBlockLog() throws IOException {
        String s = Files.readString(samples().resolve("01_rUser75_qnap-recovery-kernel_mdadm-examine_lvs.txt"));
        long superOffset = number(s, "Super Offset : (\\d+) sectors");
        long used = number(s, "Used Dev Size : (\\d+) sectors");
        long after = number(s, "after=(\\d+) sectors");
        assertThat(s).doesNotContain("Bad Block Log");
        assertThat(superOffset - used).isEqualTo(after);
        // Some member size N with (N − 16) & ~7 == super offset exists: N = super offset + 16.
        assertThat(MdVersion.V1_0.superblockOffsetBytes((superOffset + 16) * 512)).isEqualTo(superOffset * 512);
        // "Array Size : 32064 KiB" and the kernel's "capacity change from 0 to 32833536" (bytes) are the used size.
        assertThat(used * 512).isEqualTo(number(s, "capacity change from 0 to (\\d+)"));
        assertThat(used / 2).isEqualTo(number(s, "Array Size : (\\d+) KiB"));
    }
}
