package io.qrescue.recovery.stack.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.testing.LvmPvWriter;
import io.qrescue.recovery.stack.testing.VgText;
import org.junit.jupiter.api.Test;

class PvReaderTest {

    private static final int PV = 8 << 20;

    private static String text(long seqno) {
        return VgText.qnapPool(seqno, new LvmPvWriter().pvUuid, PV / 512, 2048, 1, "thin-pool", "tp1_tdata", 1);
    }

    @Test
    void shouldReadLabelHeaderMdaAndEveryGeneration() {
        LvmPvWriter w = new LvmPvWriter().text(text(1)).text(text(2)).text(text(3));
        byte[] img = new byte[PV];
        w.write(img, 0, PV);
        PvScan scan = PvReader.read(new ByteArraySource(img));
        PvLabel l = scan.label();
        assertThat(l.labelSector()).isEqualTo(1);
        assertThat(l.crcOk()).isTrue();
        assertThat(l.pvUuid()).isEqualTo(w.pvUuid);
        assertThat(l.pvUuidDisplay()).isEqualTo("lkTOn4-W5Ni-kjaJ-5oko-DjbA-h5cc-1xtN0J");
        assertThat(l.deviceSizeBytes()).isEqualTo(PV);
        assertThat(l.dataAreas()).containsExactly(new DiskArea(1 << 20, 0));
        assertThat(l.metadataAreas()).containsExactly(new DiskArea(4096, (1 << 20) - 4096));
        assertThat(l.extensionVersion()).isEqualTo(2);
        MdaHeader h = scan.mdaHeaders().get(0);
        assertThat(h.checksumOk()).isTrue();
        assertThat(h.magicOk()).isTrue();
        assertThat(h.startBytes()).isEqualTo(4096);
        assertThat(h.rawLocations()).singleElement().satisfies(rl -> assertThat(rl.offsetBytes()).isEqualTo(w.textOffsets.get(2)));
        assertThat(scan.copies()).extracting(MetadataCopy::seqno).containsExactly(3L, 2L, 1L);
        assertThat(scan.copies()).extracting(MetadataCopy::committed).containsExactly(true, false, false);
        assertThat(scan.copies()).extracting(MetadataCopy::textOffsetBytes).containsExactly(4096 + w.textOffsets.get(2),
                4096 + w.textOffsets.get(1), 4096 + w.textOffsets.get(0));
        assertThat(scan.newestCommitted().checksumOk()).isTrue();
        assertThat(scan.newestCommitted().vgName()).isEqualTo("vg1");
        assertThat(scan.newestCommitted().text()).isEqualTo(text(3));
        assertThat(scan.findings()).allSatisfy(f -> assertThat(f.message()).contains("older generation"));
    }

    @Test
    void shouldReadATextThatWrapsAroundTheBuffer() {
        LvmPvWriter w = new LvmPvWriter().text(text(7));
        w.wrapCommitted = true;
        byte[] img = new byte[PV];
        w.write(img, 0, PV);
        PvScan scan = PvReader.read(new ByteArraySource(img));
        assertThat(w.textOffsets.get(0) + text(7).length() + 1).isGreaterThan(w.mdaSizeBytes);
        assertThat(scan.newestCommitted().text()).isEqualTo(text(7));
    }

    @Test
    void shouldAcceptQnapsOldPvHeaderWithoutExtension() {
        LvmPvWriter w = new LvmPvWriter().text(text(1));
        w.extensionVersion = 0;
        byte[] img = new byte[PV];
        w.write(img, 0, PV);
        PvScan scan = PvReader.read(new ByteArraySource(img));
        assertThat(scan.label().extensionVersion()).isZero();
        assertThat(scan.newestCommitted()).isNotNull();
    }

    @Test
    void shouldReportEachDamagedChecksumAtItsOffset() {
        LvmPvWriter w = new LvmPvWriter().text(text(1));
        byte[] img = new byte[PV];
        w.write(img, 0, PV);
        img[(int) (4096 + w.textOffsets.get(0) + 30)] ^= 1;  // text
        PvScan scan = PvReader.read(new ByteArraySource(img));
        assertThat(scan.findings()).extracting(f -> f.structure() + "@" + f.offsetBytes())
                .contains("LVM metadata text@" + (4096 + w.textOffsets.get(0)));
        assertThat(scan.newestCommitted()).isNull();
        assertThat(scan.copies()).singleElement().satisfies(c -> assertThat(c.checksumOk()).isFalse());

        img[4096 + 300] ^= 1;                                // mda header: lvm2 reads no raw_locn through it
        scan = PvReader.read(new ByteArraySource(img));
        assertThat(scan.findings()).extracting(f -> f.structure() + "@" + f.offsetBytes())
                .contains("LVM mda header 0@4096");
        assertThat(scan.copies()).noneMatch(MetadataCopy::committed);

        img[512 + 40] ^= 1;                                  // pv uuid (inside the label CRC range)
        scan = PvReader.read(new ByteArraySource(img));
        assertThat(scan.findings()).extracting(f -> f.structure() + "@" + f.offsetBytes()).contains("LVM label@528");
        assertThat(scan.label()).as("lvm2 ignores a label whose checksum is wrong").isNull();
    }

    @Test
    void shouldFindTheLabelInAnyOfTheFirstFourSectors() {
        LvmPvWriter w = new LvmPvWriter().text(text(1));
        byte[] img = new byte[PV];
        w.write(img, 0, PV);
        System.arraycopy(img, 512, img, 1536, 512);
        java.util.Arrays.fill(img, 512, 1024, (byte) 0);
        PvScan moved = PvReader.read(new ByteArraySource(img));
        assertThat(moved.label()).as("lvm2 ignores a label whose sector_xl names another sector").isNull();
        assertThat(moved.findings()).anySatisfy(f -> assertThat(f.message()).contains("sector_xl 1"));
        img[1536 + 8] = 3; // sector_xl lies outside the label's checksum
        PvScan scan = PvReader.read(new ByteArraySource(img));
        assertThat(scan.label().labelSector()).isEqualTo(3);
        assertThat(scan.newestCommitted()).isNotNull();
    }

    @Test
    void shouldReturnNoLabelOnZeros() {
        assertThat(PvReader.read(new ByteArraySource(new byte[PV])).label()).isNull();
        assertThat(PvReader.hasLabel(new ByteArraySource(new byte[100]))).isFalse();
    }
}
