package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated QNAP-like volumes (real lvm2 thin pools made in the appliance VM): the tmeta and tdata LVs are
 * located from the oracle files (GPT partition 3, md data offset, pe_start, the LV's stripe extent), our reader
 * must agree with the committed thin_dump XML block for block, and each thin LV read through our extent map must
 * start an ext4 filesystem with the label and size dumpe2fs reported.
 */
class VolumeFixtureThinTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"md10-single", "md12-single", "md10-raid1", "md10-tier"})
    void shouldAgreeWithThinDumpAndFindEachExt4(String name) throws Exception {
        Path image = VolumeFixtures.unpack(name, VolumeFixtures.firstImage(name), dir);
        String vg = VolumeFixtures.oracle(name, "vgcfgbackup-vg1.txt");
        long extentBytes = number(vg, "extent_size = (\\d+)") * 512;
        long peStartBytes = number(vg, "pe_start = (\\d+)") * 512;
        String examine = VolumeFixtures.oracle(name, "mdadm-examine-member-a.txt");
        Matcher dataOffset = Pattern.compile("Data Offset : (\\d+) sectors").matcher(examine);
        long mdDataOffsetBytes = dataOffset.find() ? Long.parseLong(dataOffset.group(1)) * 512 : 0;
        ThinDumpXml oracle = ThinDumpXml.parse(VolumeFixtures.oracle(name, "thin_dump-tp1.xml"));
        try (FileImageSource disk = FileImageSource.open(image)) {
            long pvBytes = partition3Bytes(disk) + mdDataOffsetBytes;
            ImageSource tmeta = disk.slice(pvBytes + peStartBytes + extentOf(vg, "tp1_tmeta") * extentBytes,
                    lvExtents(vg, "tp1_tmeta") * extentBytes);
            long tdataOffset = pvBytes + peStartBytes + extentOf(vg, "tp1_tdata") * extentBytes;
            ImageSource tdata = disk.slice(tdataOffset, lvExtents(vg, "tp1_tdata") * extentBytes);

            ThinMetadata md = ThinMetadata.read(tmeta);
            assertThat(md.findings()).isEmpty();
            assertThat(md.blockSizeBytes()).isEqualTo(4096);
            assertThat(md.superblock().transactionId()).isEqualTo(Long.parseLong(oracle.superblock.get("transaction")));
            assertThat(md.superblock().dataSpaceMap().nrBlocks())
                    .isEqualTo(Long.parseLong(oracle.superblock.get("nr_data_blocks")));
            assertThat(md.deviceDetails().keySet()).containsExactlyElementsOf(oracle.devices.keySet());
            for (long dev : oracle.devices.keySet()) {
                TreeMap<Long, long[]> ours = new TreeMap<>();
                md.forEachMapping(dev, (v, d, t) -> ours.put(v, new long[] {d, t}));
                ThinRestoreOracleTest.assertSameMappings(ours, oracle.mappings.get(dev));
                assertThat(md.deviceDetails().get(dev).mappedBlocks())
                        .isEqualTo(Long.parseLong(oracle.devices.get(dev).get("mapped_blocks")));
            }
            Map<Long, Long> expected = new TreeMap<>();
            oracle.mappings.values().forEach(m -> m.values().forEach(v -> expected.merge(v[0], 1L, Long::sum)));
            Map<Long, Long> counted = new TreeMap<>();
            md.dataSpaceMap().forEachInUse(counted::put);
            // The kernel shares the snapshot's tree with its origin: counts are per physical leaf, never more.
            assertThat(counted.keySet()).isEqualTo(expected.keySet());
            counted.forEach((b, c) -> assertThat(c).isBetween(1L, expected.get(b)));

            for (String lv : List.of("lv1", "lv2", "snap10001")) {
                long dev = number(vg, "(?s)\\n\\t\\t" + lv + " \\{.*?device_id = (\\d+)");
                long sizeBytes = number(vg, "(?s)\\n\\t\\t" + lv + " \\{.*?extent_count = (\\d+)") * extentBytes;
                ExtentMap thin = md.poolDataMap(dev, sizeBytes);
                assertThat(thin.logicalSize()).isEqualTo(sizeBytes);
                byte[] sb = readThrough(thin, tdata, 1024, 1024);
                assertThat(Le.u32(sb, 56) & 0xFFFF).as(lv + " ext4 magic").isEqualTo(0xEF53);
                String label = new String(sb, 120, 16, StandardCharsets.ISO_8859_1).replace("\0", "");
                String dumpe2fs = VolumeFixtures.oracle(name, "dumpe2fs-" + lv + ".txt");
                assertThat(dumpe2fs).contains("Filesystem volume name:   " + label);
                assertThat(dumpe2fs).contains("Block count:              " + Le.u32AsLong(sb, 4));
            }
        }
    }

    /** The fixture's tmeta LV bytes (located from the oracle files), for tools that need a metadata file. */
    static byte[] tmetaBytes(String name, Path dir) throws Exception {
        Path image = VolumeFixtures.unpack(name, VolumeFixtures.firstImage(name), dir);
        String vg = VolumeFixtures.oracle(name, "vgcfgbackup-vg1.txt");
        long extentBytes = number(vg, "extent_size = (\\d+)") * 512;
        long peStartBytes = number(vg, "pe_start = (\\d+)") * 512;
        Matcher dataOffset = Pattern.compile("Data Offset : (\\d+) sectors")
                .matcher(VolumeFixtures.oracle(name, "mdadm-examine-member-a.txt"));
        long mdDataOffsetBytes = dataOffset.find() ? Long.parseLong(dataOffset.group(1)) * 512 : 0;
        try (FileImageSource disk = FileImageSource.open(image)) {
            long pvBytes = partition3Bytes(disk) + mdDataOffsetBytes;
            return disk.readFully(pvBytes + peStartBytes + extentOf(vg, "tp1_tmeta") * extentBytes,
                    (int) (lvExtents(vg, "tp1_tmeta") * extentBytes));
        }
    }

    /** {@code length} bytes of a thin LV at {@code offset}, read through its map from the tdata LV (holes are zeros). */
    private static byte[] readThrough(ExtentMap map, ImageSource tdata, long offset, int length) throws Exception {
        byte[] out = new byte[length];
        for (Extent e : map.lookup(offset, length)) {
            if (!e.isHole()) {
                byte[] part = tdata.readFully(e.physicalStart(), (int) e.length());
                System.arraycopy(part, 0, out, (int) (e.logicalStart() - offset), part.length);
            }
        }
        return out;
    }

    private static long partition3Bytes(ImageSource disk) throws Exception {
        byte[] header = disk.readFully(512, 512);
        long entriesLba = Le.u64(header, 72);
        int entrySize = Le.u32(header, 84);
        byte[] entry = disk.readFully(entriesLba * 512 + 2L * entrySize, entrySize);
        return Le.u64(entry, 32) * 512;
    }

    /** The PV extent where {@code lv}'s single segment starts ("stripes = [ "pv0", N ]"). */
    private static long extentOf(String vg, String lv) {
        return number(vg, "(?s)\\n\\t\\t" + lv + " \\{.*?stripes = \\[\\s*\"pv0\", (\\d+)");
    }

    private static long lvExtents(String vg, String lv) {
        return number(vg, "(?s)\\n\\t\\t" + lv + " \\{.*?extent_count = (\\d+)");
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return Long.parseLong(m.group(1));
    }
}
