package io.qrescue.recovery.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.thin.BlockKind;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as {@code qrescue analyze IMAGE --map MAP} computes it from a RESCUED copy of the md10-single fixture:
 * the bytes the mapfile marks bad are zeros in the image, so the metadata read from it already lacks them.
 */
class RescuedImageDamageTest {

    @TempDir
    Path dir;

    private FixtureOracle oracle;
    private FileImageSource clean;
    private RawThinNodes raw;
    private final List<FileImageSource> opened = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        oracle = new FixtureOracle("md10-single");
        clean = StackAnalysisFixtureTest.open("md10-single", dir).get(0);
        opened.add(clean);
        raw = new RawThinNodes(clean, oracle::tmetaImageOffset);
    }

    @AfterEach
    void close() throws Exception {
        for (FileImageSource s : opened) {
            s.close();
        }
    }

    /** Analyses a copy of the image whose bytes {@code [at, +length)} are zeros, with a mapfile marking them bad. */
    private DamageReport rescued(long at, long length) throws IOException {
        Path copy = dir.resolve("rescued-" + at + ".img");
        Files.copy(findImage(), copy);
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate((int) length), at);
        }
        FileImageSource src = FileImageSource.open(copy);
        opened.add(src);
        StackAnalysis a = StackAnalysisFixtureTest.analyze(List.of(src));
        return DamageReport.of(a, List.of(DamageFixtures.badAt(FixtureOracle.IMAGE_BYTES, new long[] {at, length})));
    }

    private Path findImage() throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals("md10-single-disk.img")).findFirst().orElseThrow();
        }
    }

    private static List<Impact> impacts(DamageReport r) {
        assertThat(r.regions()).hasSize(1);
        return r.regions().get(0).impacts();
    }

    private long lvSize(String lv) {
        return oracle.lvSizes.get(lv);
    }

    @Test
    void shouldNameTheLostMappingRootAndCountWhatTheSalvageCannotVouchFor() throws Exception {
        long root = raw.deviceRoot(2);
        for (long dev : oracle.mappings.keySet()) {
            assertThat(dev == 2 || raw.deviceRoot(dev) != root).as("device %d shares the root", dev).isTrue();
        }
        long at = raw.imageOffsetOfBlock(root);
        DamageReport r = rescued(at, 512);
        long size = lvSize("lv2");
        assertThat(impacts(r)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo("thin-metadata");
            assertThat(i.structure()).isEqualTo("tmeta block " + root + " of pool vg1/tp1: mapping tree root of device 2");
            assertThat(i.lost()).isTrue();
            assertThat(i.volume()).isEqualTo("vg1/lv2");
            assertThat(i.volumeOffsetBytes()).isZero();
            assertThat(i.volumeLengthBytes()).isEqualTo(size);
            // the salvage maps lv2 from an older copy of its tree: its bytes are in doubt, not lost
            assertThat(i.cost()).startsWith("puts vg1/lv2 bytes 0.." + Sizes.human(size)
                    + " (mapping tree root of device 2 unreadable) in doubt: the thin salvage mapped them from an older"
                    + " copy of the metadata (may be stale), so they are marked unknown");
            assertThat(i.offsetBytes()).isEqualTo(at);
            assertThat(i.lengthBytes()).isEqualTo(512);
        });
        // lv2's tree is one leaf: the salvage brings it back from an older copy, every byte marked may be stale, so
        // nothing of it counts as readable
        VolumeHealth lv2 = r.volume("vg1/lv2");
        assertThat(lv2.readableBytes()).isZero();
        assertThat(lv2.metadataLostBytes()).isPositive();
        for (VolumeHealth h : r.volumes()) {
            if (!h.volume().equals("vg1/lv2")) {
                assertThat(h.readableBytes()).as(h.volume()).isEqualTo(h.sizeBytes());
                assertThat(h.mappingUnknownBytes()).as(h.volume()).isZero();
            }
        }
    }

    @Test
    void shouldNameTheSuperblockWhenItWasNotRescuedAndCountWhatTheSalvageCannotVouchFor() throws Exception {
        long at = oracle.tmetaImageOffset(0);
        DamageReport r = rescued(at, 512);
        List<Impact> impacts = impacts(r);
        List<String> thin = oracle.thinIds.keySet().stream().map(n -> "vg1/" + n).sorted().toList();
        assertThat(impacts.stream().map(Impact::volume).sorted().toList()).isEqualTo(thin);
        for (Impact i : impacts) {
            assertThat(i.structure()).isEqualTo("tmeta block 0 of pool vg1/tp1: superblock");
            assertThat(i.lost()).isTrue();
            assertThat(i.volumeOffsetBytes()).isZero();
            assertThat(i.volumeLengthBytes()).isEqualTo(lvSize(i.volume().substring(4)));
            assertThat(i.cost()).contains("unless the pool metadata is repaired", "thin superblock unreadable");
        }
        // without a superblock the salvage rebuilds every volume from the nodes; what it cannot vouch for is lost
        for (String v : thin) {
            VolumeHealth h = r.volume(v);
            assertThat(h.readableBytes()).as(v).isPositive();
            assertThat(h.metadataLostBytes()).as(v).isEqualTo(h.sizeBytes() - h.readableBytes());
        }
    }

    /**
     * The top-level node lost: lv2's tree comes back as an orphaned root whose mapped-block count matches its details
     * (nothing lost), while lv1 and its snapshot share subtrees, so the salvage chooses between candidates and their
     * bytes are in doubt, not lost.
     */
    @Test
    void shouldWordWhatTheSalvageRebuildsAsNothingAndWhatItChoseAsDoubt() throws Exception {
        ThinMetadata md = StackAnalysisFixtureTest.analyze(List.of(clean)).pools().get(0).metadata();
        List<Long> tops = new ArrayList<>();
        md.liveBlocks().all().forEach((b, roles) -> {
            if (roles.stream().anyMatch(role -> role.kind() == BlockKind.TOP_LEVEL_LEAF)) {
                tops.add(b);
            }
        });
        assertThat(tops).singleElement();
        DamageReport r = rescued(raw.imageOffsetOfBlock(tops.get(0)), 512);
        List<Impact> impacts = impacts(r);
        assertThat(impacts).extracting(Impact::volume)
                .containsExactlyInAnyOrder("vg1/lv1", "vg1/lv2", "vg1/snap10001");
        for (Impact i : impacts) {
            VolumeHealth h = r.volume(i.volume());
            if (i.volume().equals("vg1/lv2")) {
                assertThat(i.lost()).isFalse();
                assertThat(i.cost()).startsWith("nothing: the thin salvage rebuilt the mapping of vg1/lv2 bytes 0..")
                        .contains("confidence high");
                assertThat(h.readableBytes()).isEqualTo(h.sizeBytes());
            } else {
                assertThat(i.lost()).isTrue();
                assertThat(i.cost()).startsWith("puts " + i.volume() + " bytes 0..").contains(" in doubt: ", "ambiguous",
                        "marked unknown");
                assertThat(h.mappingUnknownBytes() + h.metadataLostBytes()).as(i.volume()).isPositive();
            }
        }
    }

    @Test
    void shouldStillCallAFreeMetadataBlockNothing() throws Exception {
        ThinMetadata md = StackAnalysisFixtureTest.analyze(List.of(clean)).pools().get(0).metadata();
        long free = md.deviceBlocks() - 1;
        while (md.liveBlocks().isLive(free) || md.metadataSpaceMap().refCount(free) != 0) {
            free--;
        }
        long at = raw.imageOffsetOfBlock(free);
        DamageReport r = rescued(at, 512);
        long block = free;
        assertThat(impacts(r)).singleElement().satisfies(i -> {
            assertThat(i.structure()).isEqualTo("unused tmeta blocks " + block + ".." + (block + 1) + " of pool vg1/tp1");
            assertThat(i.lost()).isFalse();
            assertThat(i.cost()).startsWith("nothing: free metadata blocks");
        });
        for (VolumeHealth h : r.volumes()) {
            assertThat(h.readableBytes()).as(h.volume()).isEqualTo(h.sizeBytes());
            assertThat(h.mappingUnknownBytes()).as(h.volume()).isZero();
        }
    }
}
