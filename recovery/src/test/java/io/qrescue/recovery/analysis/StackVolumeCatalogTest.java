package io.qrescue.recovery.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeLocation;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog extract/serve use: every thin volume of a fixture by name with the analysis' map; junk is refused. */
class StackVolumeCatalogTest {

    @TempDir
    Path dir;

    @Test
    void shouldListTheFixturesVolumesByName() throws Exception {
        FixtureOracle oracle = new FixtureOracle("md10-single");
        try (FileImageSource src = FileImageSource.open(VolumeFixtures.unpack("md10-single", "disk.img.gz", dir))) {
            VolumeCatalog catalog = StackVolumeCatalog.factory().open(List.of(new NamedImage("disk.img", src)));
            assertThat(catalog.volumes()).extracting(VolumeLocation::name)
                    .containsExactly("vg1/lv1", "vg1/lv2", "vg1/snap10001");
            VolumeLocation snap = catalog.find("vg1/snap10001").orElseThrow();
            assertThat(snap.kind()).isEqualTo("snapshot");
            assertThat(snap.sizeBytes()).isEqualTo(oracle.lvSizes.get("snap10001"));
            long firstVirtual = oracle.mappings.get(3L).firstKey();
            long bs = oracle.dataBlockBytes;
            // the volume lies on md1; its first block's array byte lies on the image where thin_dump says
            long arrayAt = snap.extents().lookup(firstVirtual * bs, 1).get(0).physicalStart();
            MdArraySource md1 = (MdArraySource) snap.source().lower();
            assertThat(md1.imagePieces(arrayAt, 1).get(0).imageOffset())
                    .isEqualTo(oracle.dataBlockImageOffset(oracle.mappings.get(3L).firstEntry().getValue()));
        }
    }

    @Test
    void shouldRefuseAnImageWithoutAStack() {
        byte[] junk = new byte[1 << 20];
        new Random(3).nextBytes(junk);
        assertThatThrownBy(() -> StackVolumeCatalog.factory().open(List.of(new NamedImage("junk",
                new ByteArraySource(junk)))))
                .isInstanceOf(VolumeCatalogException.class)
                .hasMessageContaining("no partition table, md array or LVM PV found")
                .matches(e -> ((VolumeCatalogException) e).corruptInput());
    }
}
