package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.FileImageSource;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers from real QNAP units (shared/samples/qnap/05_emergency_recovery_tmeta_superblock_offsets.txt) that our
 * reading must agree with: the tmeta superblock offset from LVM geometry, the 8 KiB CRC rule and salt, the flags.
 */
class QnapSamplesTest {

    @TempDir
    Path dir;

    private static String sample05() throws Exception {
        String shared = System.getProperty("qrescue.shared", "/work/shared");
        Path p = Path.of(shared, "samples/qnap/05_emergency_recovery_tmeta_superblock_offsets.txt");
        if (!Files.exists(p)) {
            p = Path.of("/work/shared/samples/qnap/05_emergency_recovery_tmeta_superblock_offsets.txt");
        }
        return Files.readString(p);
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void shouldPlaceTheSuperblockOnAn8KiBBlockAsTheSampleComputes() throws Exception {
        String s = sample05();
        long peStart = number(s, "pe_start=(\\d+)");
        long extent = number(s, "tmeta_start_extent=(\\d+)");
        long peSize = number(s, "pe_size=(\\d+)");
        long offset = number(s, "byte offset `([\\d,]+)`");
        long block = number(s, "block `(\\d+)` in 8192-byte blocks");
        assertThat((peStart + extent * peSize) * 512).isEqualTo(offset);
        assertThat(offset % 8192).isZero();
        assertThat(offset / 8192).isEqualTo(block);
    }

    @Test
    void shouldUseTheSampleChecksumRuleAndFlags() throws Exception {
        String s = sample05();
        assertThat(number(s, "crc32c\\(data\\[4:8192\\]\\) XOR (\\d+)")).isEqualTo(MetadataChecksum.SUPERBLOCK_SALT);
        int broken = (int) Long.parseLong(find(s, "\\*\\*Original \\(broken\\):\\*\\* flags `0x([0-9A-F]+)`"), 16);
        int fixed = (int) Long.parseLong(find(s, "\\*\\*Fixed \\(correct\\):\\*\\* flags `0x([0-9A-F]+)`"), 16);
        for (int flags : new int[] {broken, fixed}) {
            PoolSpec p = RandomPools.asQnap(RandomPools.upstream(9, 500), 44);
            p.metadataBlocks = 400;
            p.flags = flags;
            byte[] image = TestMetadataWriter.write(p);
            // Independent bitwise CRC-32C over [4, 8192), as the sample states it.
            assertThat(Le.u32(image, 0)).isEqualTo(bitwiseCrc32c(image, 4, 8192) ^ MetadataChecksum.SUPERBLOCK_SALT);
            ThinMetadata md = ThinMetadata.read(new ByteArraySource(image));
            assertThat(md.findings()).isEmpty();
            assertThat(md.blockSizeBytes()).isEqualTo(8192);
            assertThat(md.superblock().flags()).isEqualTo(flags);
            assertThat(md.superblock().needsCheck()).isEqualTo(flags == broken);
            assertThat(md.superblock().hasBackups()).isTrue();
            assertThat(flags & ThinSuperblock.FLAG_FAST_BLOCK_CLONE).isNotZero();
        }
        assertThat(broken).isEqualTo(0xC000_0001);
        assertThat(fixed).isEqualTo(0xC000_0000);
    }

    @Test
    void shouldFindABackupBelowTheHistoricalLimitOfA64GbTmeta() throws Exception {
        String s = sample05();
        long gb = number(s, "vg1-tp1_tmeta  \\(metadata, (\\d+) GB");
        long tmetaBytes = gb << 30;
        long blocks = tmetaBytes / 8192;
        // One 8 KiB index block (511 entries of 32,704 blocks each) addresses it; a 4 KiB one (255 x 16,320) does not.
        assertThat(511 * SpaceMap.entriesPerBitmap(8192)).isGreaterThanOrEqualTo(blocks);
        assertThat(255 * SpaceMap.entriesPerBitmap(4096) * 4096).isLessThan(tmetaBytes);
        PoolSpec p = RandomPools.asQnap(RandomPools.upstream(10, 500), 44);
        p.metadataBlocks = 400;
        p.backupCount = 0;
        byte[] image = TestMetadataWriter.write(p);
        Path tmeta = dir.resolve("tmeta");
        long historical = 2_072_576L;
        try (RandomAccessFile f = new RandomAccessFile(tmeta.toFile(), "rw")) {
            f.setLength(tmetaBytes);
            f.write(image);
            byte[] copy = java.util.Arrays.copyOf(image, 8192);
            Le.put64(copy, 8, historical - 1);
            Le.put32(copy, 0, MetadataChecksum.compute(copy, MetadataChecksum.SUPERBLOCK_SALT));
            f.seek((historical - 1) * 8192);
            f.write(copy);
        }
        try (FileImageSource src = FileImageSource.open(tmeta)) {
            ThinMetadata md = ThinMetadata.read(src);
            assertThat(md.deviceBlocks()).isEqualTo(blocks);
            assertThat(md.backups()).extracting(ThinSuperblock::blockNr).containsExactly(historical - 1);
            List<MetadataLoss> loss = new MetadataDamage(md).assess(List.of(new TmetaRange(0, 4096)));
            assertThat(loss).singleElement().satisfies(l ->
                    assertThat(l.effect()).contains("backup at block " + (historical - 1) + " (backup_id"));
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    private static int bitwiseCrc32c(byte[] b, int from, int to) {
        int crc = 0xFFFF_FFFF;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (0x82F6_3B78 & -(crc & 1));
            }
        }
        return crc;
    }
}
