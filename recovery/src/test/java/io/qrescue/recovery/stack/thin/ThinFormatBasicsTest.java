package io.qrescue.recovery.stack.thin;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import org.junit.jupiter.api.Test;

/** On-disk facts from the format document, each pinned on a hand-made block. */
class ThinFormatBasicsTest {

    @Test
    void shouldReadTwoBitCountsWithBit2iAsTheHighBit() {
        PoolSpec p = new PoolSpec();
        p.nrDataBlocks = 100;
        PoolSpec.Device a = p.device(1);
        PoolSpec.Device b = p.device(2);
        PoolSpec.Device c = p.device(3);
        a.map(0, 5, 0);
        a.map(1, 6, 0);
        b.map(0, 6, 0);
        c.map(0, 6, 0);
        c.map(1, 7, 0);
        b.map(1, 7, 0);
        byte[] image = TestMetadataWriter.write(p);
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(image));
        assertThat(md.findings()).isEmpty();
        long bitmap = md.dataSpaceMap().bitmapBlock(0);
        long word = Le.u64(image, (int) (bitmap * 4096 + 16));
        // block 5: count 1 = raw pattern "10" (bit 10 clear, bit 11 set); block 7: count 2 = bit 14 set.
        assertThat((word >>> 10) & 3).isEqualTo(0b10);
        assertThat((word >>> 14) & 3).isEqualTo(0b01);
        assertThat((word >>> 12) & 3).as("count 3 overflows to the ref-count tree").isEqualTo(0b11);
        assertThat(md.dataSpaceMap().refCount(5)).isEqualTo(1);
        assertThat(md.dataSpaceMap().refCount(6)).isEqualTo(3);
        assertThat(md.dataSpaceMap().refCount(7)).isEqualTo(2);
        assertThat(md.dataSpaceMap().refCount(8)).isZero();
    }

    @Test
    void shouldParseEachDeviceRecordSize() {
        byte[] v = new byte[64];
        Le.put64(v, 0, 1000);
        Le.put64(v, 8, 7);
        Le.put32(v, 16, 3);
        Le.put32(v, 20, 4);
        Le.put32(v, 24, 9);
        Le.put64(v, 36, 2);
        DeviceDetails d44 = DeviceDetails.parse(5, v, 0, 44);
        assertThat(d44).isEqualTo(new DeviceDetails(5, 1000, 7, 3, 4, 9, 2, 44));
        assertThat(d44.isSnapshot()).isTrue();
        Le.put64(v, 24, -1);
        DeviceDetails d32 = DeviceDetails.parse(5, v, 0, 32);
        assertThat(d32.snapOrigin()).isEqualTo(DeviceDetails.ABSENT);
        assertThat(d32.isSnapshot()).isFalse();
        assertThat(DeviceDetails.parse(5, v, 0, 24).clonedTime()).isEqualTo(DeviceDetails.ABSENT);
        assertThat(DeviceDetails.parse(5, v, 0, 40)).isNull();
    }

    @Test
    void shouldNameTheOffsetOfAnOversizedNode() {
        PoolSpec p = RandomPools.upstream(3, 600);
        p.metadataBlocks = 300;
        byte[] image = TestMetadataWriter.write(p);
        ThinMetadata intact = ThinMetadata.read(new ByteArraySource(image));
        long root = intact.deviceRoots().get(p.devices.firstKey());
        int base = (int) (root * 4096);
        Le.put32(image, base + 16, 100_000);
        Le.put32(image, base, MetadataChecksum.compute(java.util.Arrays.copyOfRange(image, base, base + 4096),
                MetadataChecksum.BTREE_NODE_SALT));
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(image));
        assertThat(md.findings()).contains(new ThinFinding("mapping tree of device " + p.devices.firstKey(),
                base + 16, "btree node nr_entries 100000 exceeds max_entries 252"));
        assertThat(md.runs(p.devices.firstKey()).mappedBlocks()).isZero();
    }
}
