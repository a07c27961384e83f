package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metadata read from an image where a live node is zeroed (as a rescue leaves unreadable bytes): the node keeps the
 * role and key range its readable parent gives, is marked unreadable, and its loss is the whole range below it.
 */
class UnreadableNodeRolesTest {

    /** Device 1 with enough mappings for an internal root over several leaves; device 2 a single leaf. */
    private static TestMetadataWriter pool() {
        PoolSpec spec = new PoolSpec();
        for (long vb = 0; vb < 1500; vb++) {
            spec.device(1).map(vb * 2, vb, 1);
        }
        spec.device(2).map(7, 2000, 1);
        spec.device(2).map(9, 2001, 1);
        return TestMetadataWriter.writer(spec);
    }

    private static byte[] zeroed(byte[] image, long block) {
        byte[] copy = image.clone();
        Arrays.fill(copy, (int) (block * 4096), (int) (block * 4096 + 512), (byte) 0);
        return copy;
    }

    @Test
    void shouldGiveAnUnreadableLeafUnderAnInternalNodeTheRangeItsParentGives() {
        TestMetadataWriter w = pool();
        ThinMetadata clean = ThinMetadata.read(new ByteArraySource(w.image()));
        List<Long> leaves = w.placed("device 1-leaf");
        assertThat(leaves).hasSizeGreaterThan(2);
        assertThat(w.placed("device 1-internal")).hasSize(1);
        long leaf = leaves.get(1);
        BlockRole expected = clean.liveBlocks().rolesOf(leaf).get(0);
        assertThat(expected.kind()).isEqualTo(BlockKind.DEVICE_LEAF);
        assertThat(expected.keyFrom()).isPositive();
        assertThat(expected.keyTo()).isLessThan(Long.MAX_VALUE);

        ThinMetadata md = ThinMetadata.read(new ByteArraySource(zeroed(w.image(), leaf)));
        assertThat(md.liveBlocks().isUnreadable(leaf)).isTrue();
        assertThat(md.liveBlocks().unreadableBlocks()).containsExactly(leaf);
        assertThat(md.liveBlocks().rolesOf(leaf)).singleElement().satisfies(r -> {
            assertThat(r.deviceId()).isEqualTo(1);
            assertThat(r.keyFrom()).isEqualTo(expected.keyFrom());
            assertThat(r.keyTo()).isEqualTo(expected.keyTo());
        });

        List<MetadataLoss> losses = new MetadataDamage(md).assess(List.of(new TmetaRange(leaf * 4096, 512)));
        long dbs = md.dataBlockSizeBytes();
        assertThat(losses).singleElement().satisfies(l -> {
            assertThat(l.mappingsUnknown()).isTrue();
            assertThat(l.lostVolumeRanges()).containsExactly(new VolumeRange(1, expected.keyFrom() * dbs,
                    (expected.keyTo() - expected.keyFrom()) * dbs));
        });
        assertThat(new MetadataDamage(md).assessUnreadable()).isEqualTo(losses);
    }

    @Test
    void shouldLoseTheWholeDeviceWhenItsMappingRootIsUnreadable() {
        TestMetadataWriter w = pool();
        long root = w.placed("device 2-leaf").get(0);
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(zeroed(w.image(), root)));
        assertThat(md.liveBlocks().rolesOf(root)).singleElement()
                .isEqualTo(new BlockRole(BlockKind.DEVICE_INTERNAL, 2, 0, Long.MAX_VALUE));
        assertThat(md.runs(2).mappedBlocks()).isZero();
        assertThat(md.runs(1).mappedBlocks()).isEqualTo(1500);
        MetadataLoss loss = new MetadataDamage(md).assess(List.of(new TmetaRange(root * 4096 + 100, 1))).get(0);
        assertThat(loss.mappingsUnknown()).isTrue();
        assertThat(loss.effect()).contains("mapping tree root of device 2");
        assertThat(loss.lostMappedBlocks()).isEqualTo(2); // from the readable device-details record
        assertThat(loss.lostVolumeRanges()).singleElement().satisfies(r -> {
            assertThat(r.deviceId()).isEqualTo(2);
            assertThat(r.offsetBytes()).isZero();
            assertThat(r.lengthBytes()).isGreaterThan(1L << 50);
        });
    }

    @Test
    void shouldNotMarkAnyBlockUnreadableInIntactMetadataNorCallAFreeBlockLive() {
        TestMetadataWriter w = pool();
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(w.image()));
        assertThat(md.liveBlocks().unreadableBlocks()).isEmpty();
        long free = md.deviceBlocks() - 1;
        assertThat(md.liveBlocks().isLive(free)).isFalse();
        ThinMetadata zeroedFree = ThinMetadata.read(new ByteArraySource(zeroed(w.image(), free)));
        assertThat(zeroedFree.liveBlocks().unreadableBlocks()).isEmpty();
        assertThat(new MetadataDamage(zeroedFree).assess(List.of(new TmetaRange(free * 4096, 512))))
                .singleElement().satisfies(l -> assertThat(l.role().kind()).isEqualTo(BlockKind.UNUSED));
    }
}
