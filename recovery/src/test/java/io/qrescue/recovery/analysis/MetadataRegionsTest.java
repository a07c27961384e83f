package io.qrescue.recovery.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.testing.QnapDiskBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataRegionsTest {

    @Test
    void shouldListEveryMetadataAreaOfTheLowerStackAtImageOffsets() {
        QnapDiskBuilder b = new QnapDiskBuilder();
        byte[] img = b.build();
        List<MetadataRegion> regions = MetadataRegions.of(StackAnalysis.analyze(List.of(new NamedImage("d",
                new ByteArraySource(img)))));
        long p3 = b.p3StartBytes();
        long sb = p3 + (((b.p3SizeBytes() / 512) - 16) & ~7L) * 512;
        long text = p3 + 4096 + b.pv.textOffsets.get(0);
        long textBytes = b.committedText().length() + 1;
        long mdaEnd = p3 + (1 << 20);
        assertThat(b.pv.textOffsets.get(0)).as("the one text starts the buffer: no older area before it").isEqualTo(512);
        assertThat(regions).extracting(r -> r.kind() + "@" + r.offsetBytes() + "+" + r.lengthBytes())
                .containsExactly(
                        "partition-table@0+" + 34 * 512,
                        "lvm-label@" + (p3 + 512) + "+512",
                        "lvm-mda-header@" + (p3 + 4096) + "+512",
                        "lvm-metadata-text@" + text + "+" + textBytes,
                        "lvm-metadata-area@" + (text + textBytes) + "+" + (mdaEnd - text - textBytes),
                        "thin-metadata@" + b.peImageOffset(0) + "+" + QnapDiskBuilder.EXTENT_BYTES,
                        "md-bad-block-log@" + (sb - 4096) + "+4096",
                        "md-superblock@" + sb + "+4096",
                        "partition-table@" + (img.length - 33 * 512) + "+" + 33 * 512);
        assertThat(regions.get(3).structure()).isEqualTo("committed VG metadata text in metadata area 1 of PV md1");
        assertThat(regions.get(3).copyGroup()).isEqualTo("lvm metadata vg1");
        assertThat(regions.get(6).structure()).isEqualTo("md bad-block log of md1 on d p3");
    }

    @Test
    void shouldListEachMirrorsCopyInOneCopyGroup() {
        List<NamedImage> images = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            QnapDiskBuilder b = new QnapDiskBuilder();
            b.md.devNumber = i;
            images.add(new NamedImage("d" + i, new ByteArraySource(b.build())));
        }
        List<MetadataRegion> regions = MetadataRegions.of(StackAnalysis.analyze(images));
        assertThat(regions).filteredOn(r -> r.kind().equals("thin-metadata")).extracting(MetadataRegion::imageIndex)
                .containsExactly(0, 1);
        assertThat(regions).filteredOn(r -> r.kind().equals("lvm-label")).hasSize(2)
                .extracting(MetadataRegion::copyGroup).containsOnly(regions.stream()
                        .filter(r -> r.kind().equals("lvm-label")).findFirst().orElseThrow().copyGroup());
    }
}
