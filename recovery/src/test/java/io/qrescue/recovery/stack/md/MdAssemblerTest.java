package io.qrescue.recovery.stack.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MdAssemblerTest {

    private static final int MEMBER = 1 << 20;

    private static MdAssembler.Candidate member(String label, int image, MdSuperblockWriter w) {
        byte[] img = new byte[MEMBER];
        w.write(img, 0, MEMBER, "1.0");
        MdSuperblock sb = MdSuperblockReader.probe(new ByteArraySource(img)).best();
        return new MdAssembler.Candidate(label, image, 1000 * 512L, MEMBER, sb);
    }

    @Test
    void shouldChooseAnInSyncMemberAndKeepTheOtherAsAlternative() {
        MdSuperblockWriter a = new MdSuperblockWriter();
        MdSuperblockWriter b = a.copy();
        b.devNumber = 1;
        List<MdArray> arrays = MdAssembler.assemble(List.of(member("d1 p3", 0, a), member("d2 p3", 1, b)));
        assertThat(arrays).hasSize(1);
        MdArray arr = arrays.get(0);
        assertThat(arr.displayName()).isEqualTo("md1");
        assertThat(arr.chosen().label()).isEqualTo("d1 p3");
        assertThat(arr.alternatives()).extracting(MdMember::label).containsExactly("d2 p3");
        assertThat(arr.findings()).isEmpty();
        long size = arr.sizeBytes();
        assertThat(size).isEqualTo((((MEMBER / 512 - 16) & ~7L) - 8) * 512);
        assertThat(arr.dataMap(arr.chosen()).extents()).containsExactly(new Extent(0, size, 1000 * 512L));
    }

    @Test
    void shouldTreatAMemberWithOlderEventsAsStale() {
        MdSuperblockWriter a = new MdSuperblockWriter();
        a.events = 10;
        MdSuperblockWriter b = a.copy();
        b.devNumber = 1;
        b.events = 12;
        b.devRoles = new int[] {MdRole.FAULTY, 1};
        MdArray arr = MdAssembler.assemble(List.of(member("d1 p3", 0, a), member("d2 p3", 1, b))).get(0);
        assertThat(arr.chosen().label()).isEqualTo("d2 p3");
        assertThat(arr.members().get(0).inSync()).isFalse();
        assertThat(arr.members().get(0).state()).startsWith("stale events");
        assertThat(arr.alternatives()).isEmpty();
        assertThat(arr.findings()).anySatisfy(f -> assertThat(f.message()).contains("stale"));
    }

    @Test
    void shouldGroupMembersByArrayUuid() {
        MdSuperblockWriter a = new MdSuperblockWriter();
        MdSuperblockWriter other = a.copy();
        other.arrayUuid[0] = 1;
        other.name = "9";
        List<MdArray> arrays = MdAssembler.assemble(List.of(member("p3", 0, a), member("p1", 0, other)));
        assertThat(arrays).extracting(MdArray::displayName).containsExactly("md1", "md9");
    }

    @Test
    void shouldReadABadChecksumMemberWhenNothingElseIsLeft() {
        MdAssembler.Candidate c = member("d1 p3", 0, new MdSuperblockWriter());
        MdSuperblock bad = c.superblock();
        MdSuperblock broken = new MdSuperblock(bad.version(), bad.offsetBytes(), false, bad.arrayUuid(), bad.name(),
                bad.level(), bad.layout(), bad.chunkSectors(), bad.raidDisks(), bad.sizeSectors(), bad.dataOffsetSectors(),
                bad.dataSizeSectors(), bad.superOffsetSectors(), bad.featureMap(), bad.devNumber(), bad.deviceUuid(),
                bad.events(), bad.resyncOffset(), 0, 0, -8, 8, 0, 0, bad.devRoles(), 1, 2);
        MdArray arr = MdAssembler.assemble(List.of(new MdAssembler.Candidate("d1 p3", 0, 0, MEMBER, broken))).get(0);
        assertThat(arr.chosen()).isNotNull();
        assertThat(arr.chosen().inSync()).isFalse();
        assertThat(arr.findings()).anySatisfy(f -> assertThat(f.message()).contains("no in-sync member"));
    }

    @Test
    void shouldNotMapRaid5() {
        MdSuperblockWriter a = new MdSuperblockWriter();
        a.level = 5;
        MdArray arr = MdAssembler.assemble(List.of(member("p3", 0, a))).get(0);
        assertThat(arr.chosen()).isNull();
        assertThat(arr.findings()).anySatisfy(f -> assertThat(f.message()).contains("RAID level 5"));
    }
}
