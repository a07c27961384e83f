package io.qrescue.recovery.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.testing.QnapDiskBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataRegionsTest {

    @Test
    void shouldListEveryMetadataAreaOfTheLowerStackAtImageOffsets() {
        QnapDiskBuilder b = new QnapDiskBuilder();
        byte[] img = b.build();
        List<MetadataRegion> regions = MetadataRegions.of(StackScanner.scan(List.of(new NamedImage("d",
                new ByteArraySource(img)))));
        long p3 = b.p3StartBytes();
        long sb = p3 + (((b.p3SizeBytes() / 512) - 16) & ~7L) * 512;
        long text = p3 + 4096 + b.pv.textOffsets.get(0);
        assertThat(regions).extracting(r -> r.structure().split(" ")[0] + "@" + r.offsetBytes() + "+" + r.lengthBytes())
                .containsExactly(
                        "GPT@0+" + 34 * 512,
                        "LVM@" + (p3 + 512) + "+512",
                        "LVM@" + (p3 + 4096) + "+512",
                        "LVM@" + text + "+" + (b.committedText().length() + 1),
                        "tmeta@" + b.peImageOffset(0) + "+" + QnapDiskBuilder.EXTENT_BYTES,
                        "md@" + (sb - 4096) + "+4096",
                        "md@" + sb + "+4096",
                        "GPT@" + (img.length - 33 * 512) + "+" + 33 * 512);
        assertThat(regions.get(5).structure()).isEqualTo("md bad-block log md1");
        assertThat(regions.get(3).structure()).isEqualTo("LVM metadata text vg1 seqno 278");
    }

    @Test
    void shouldListEachMirrorsCopy() {
        List<NamedImage> images = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            QnapDiskBuilder b = new QnapDiskBuilder();
            b.md.devNumber = i;
            images.add(new NamedImage("d" + i, new ByteArraySource(b.build())));
        }
        List<MetadataRegion> regions = MetadataRegions.of(StackScanner.scan(images));
        assertThat(regions).filteredOn(r -> r.structure().startsWith("tmeta")).extracting(MetadataRegion::imageIndex)
                .containsExactly(0, 1);
        assertThat(regions).filteredOn(r -> r.structure().startsWith("LVM label")).hasSize(2);
    }
}
