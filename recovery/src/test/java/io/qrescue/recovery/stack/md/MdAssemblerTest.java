package io.qrescue.recovery.stack.md;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.stack.testing.MdSuperblockWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Assembly as mdadm does it, on superblocks written by the test writer. */
class MdAssemblerTest {

    private static final int MEMBER = 1 << 20;

    private static MdAssembler.Candidate member(String label, int image, MdSuperblockWriter w) {
        return member(label, image, w, "1.0");
    }

    private static MdAssembler.Candidate member(String label, int image, MdSuperblockWriter w, String version) {
        byte[] img = new byte[MEMBER];
        w.write(img, 0, MEMBER, version);
        MdSuperblock sb = MdSuperblockReader.probe(new ByteArraySource(img)).best();
        return new MdAssembler.Candidate(label, image, 1000 * 512L, MEMBER, sb);
    }

    /** Writers for the members of one array: roles 0..n-1, device UUIDs apart. */
    private static List<MdSuperblockWriter> members(int level, int layout, int n) {
        List<MdSuperblockWriter> out = new ArrayList<>();
        MdSuperblockWriter first = new MdSuperblockWriter();
        first.level = level;
        first.layout = layout;
        first.chunkSectors = level == 1 ? 0 : 128;
        first.raidDisks = n;
        first.devRoles = new int[n];
        for (int r = 0; r < n; r++) {
            first.devRoles[r] = r;
        }
        for (int r = 0; r < n; r++) {
            MdSuperblockWriter w = first.copy();
            w.devNumber = r;
            w.deviceUuid[0] = (byte) r;
            out.add(w);
        }
        return out;
    }

    @Test
    void shouldReadEveryInSyncMemberOfAMirror() {
        List<MdSuperblockWriter> w = members(1, 0, 2);
        List<MdArray> arrays = MdAssembler.assemble(List.of(member("d1 p3", 0, w.get(0)), member("d2 p3", 1, w.get(1))));
        assertThat(arrays).hasSize(1);
        MdArray arr = arrays.get(0);
        assertThat(arr.displayName()).isEqualTo("md1");
        assertThat(arr.memberIn(0).label()).isEqualTo("d1 p3");
        assertThat(arr.memberIn(1).label()).isEqualTo("d2 p3");
        assertThat(arr.missingRoles()).isEmpty();
        assertThat(arr.findings()).isEmpty();
        assertThat(arr.layout()).isInstanceOf(Raid1Layout.class);
        assertThat(arr.sizeBytes()).isEqualTo((((MEMBER / 512 - 16) & ~7L) - 8) * 512);
    }

    @Test
    void shouldLeaveAStaleMemberOutWhileTheArrayIsCompleteWithoutIt() {
        List<MdSuperblockWriter> w = members(5, ParityLayout.LEFT_SYMMETRIC, 3);
        w.forEach(x -> x.events = 40);
        w.get(0).events = 31; // failed and removed; the array went on writing
        for (MdSuperblockWriter x : w.subList(1, 3)) {
            x.devRoles = new int[] {MdRole.FAULTY, 1, 2};
        }
        MdArray arr = MdAssembler.assemble(List.of(member("a", 0, w.get(0)), member("b", 1, w.get(1)),
                member("c", 2, w.get(2)))).get(0);
        assertThat(arr.view().events()).isEqualTo(40);
        assertThat(arr.members().get(0).use()).isEqualTo(MdMember.Use.STALE);
        assertThat(arr.members().get(0).state()).startsWith("stale: events 31 < 40");
        assertThat(arr.memberIn(0)).isNull();
        assertThat(arr.missingRoles()).containsExactly(0);
        assertThat(arr.findings()).anySatisfy(f -> {
            assertThat(f.structure()).isEqualTo("md member a");
            assertThat(f.message()).startsWith("not used: stale");
        });
        assertThat(arr.findings()).anySatisfy(f -> assertThat(f.message())
                .contains("degraded (RAID5, 3 devices): role 0 of 0-2 missing; every byte is still readable"));
    }

    @Test
    void shouldKeepAMemberOneEventBehindAsTheKernelDoes() {
        List<MdSuperblockWriter> w = members(5, ParityLayout.LEFT_SYMMETRIC, 3);
        w.forEach(x -> x.events = 40);
        w.get(2).events = 39;
        MdArray arr = MdAssembler.assemble(List.of(member("a", 0, w.get(0)), member("b", 1, w.get(1)),
                member("c", 2, w.get(2)))).get(0);
        assertThat(arr.members()).allMatch(m -> m.use() == MdMember.Use.IN_SYNC);
    }

    @Test
    void shouldReadTheNewestStaleMemberWithDoubtWhenTheArrayCannotDoWithoutIt() {
        List<MdSuperblockWriter> w = members(5, ParityLayout.LEFT_SYMMETRIC, 4);
        w.forEach(x -> x.events = 50);
        w.get(1).events = 20;
        MdArray arr = MdAssembler.assemble(List.of(member("a", 0, w.get(0)), member("b", 1, w.get(1)),
                member("c", 2, w.get(2)))).get(0);
        // role 3 absent, role 1 stale: RAID5 cannot do without role 1
        assertThat(arr.memberIn(1).use()).isEqualTo(MdMember.Use.DOUBTED);
        assertThat(arr.missingRoles()).containsExactly(3);
        assertThat(arr.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("read although stale"));
    }

    @Test
    void shouldSayWhichRolesAreMissingWhenTooManyAre() {
        List<MdSuperblockWriter> w = members(6, ParityLayout.LEFT_SYMMETRIC, 6);
        MdArray arr = MdAssembler.assemble(List.of(member("a", 0, w.get(0)), member("c", 2, w.get(2)),
                member("f", 5, w.get(5)))).get(0);
        assertThat(arr.missingRoles()).containsExactly(1, 3, 4);
        assertThat(arr.readable()).isTrue();
        assertThat(arr.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).isEqualTo("too many members missing (RAID6, 6 devices, survives 2 missing): roles "
                    + "1, 3, 4 of 0-5 missing; only the bytes the members present hold or rebuild can be read");
        });
    }

    @Test
    void shouldUseAMemberGivenTwiceOnce() {
        List<MdSuperblockWriter> w = members(1, 0, 2);
        MdArray arr = MdAssembler.assemble(List.of(member("x.img", 0, w.get(0)), member("copy-of-x.img", 1, w.get(0))))
                .get(0);
        assertThat(arr.memberIn(0).label()).isEqualTo("x.img");
        assertThat(arr.members().get(1).use()).isEqualTo(MdMember.Use.NOT_USED);
        assertThat(arr.findings()).anySatisfy(f -> assertThat(f.message()).startsWith(
                "not used: the same device as x.img (device UUID"));
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
    void shouldReadABadChecksumMemberWithDoubtWhenNothingElseIsLeft() {
        MdAssembler.Candidate c = member("d1 p3", 0, new MdSuperblockWriter());
        MdSuperblock bad = c.superblock();
        MdSuperblock broken = new MdSuperblock(bad.version(), bad.offsetBytes(), false, bad.arrayUuid(), bad.name(),
                bad.level(), bad.layout(), bad.chunkSectors(), bad.raidDisks(), bad.sizeSectors(), bad.dataOffsetSectors(),
                bad.dataSizeSectors(), bad.superOffsetSectors(), bad.featureMap(), bad.devNumber(), bad.deviceUuid(),
                bad.events(), bad.resyncOffset(), 0, 0, -8, 8, 0, 0, bad.devRoles(), 1, 2, null);
        MdArray arr = MdAssembler.assemble(List.of(new MdAssembler.Candidate("d1 p3", 0, 0, MEMBER, broken))).get(0);
        assertThat(arr.memberIn(0).use()).isEqualTo(MdMember.Use.DOUBTED);
        assertThat(arr.findings()).anySatisfy(f -> assertThat(f.message())
                .startsWith("read although its superblock has a bad checksum"));
    }

    @Test
    void shouldRefuseAnArrayInMidReshape() {
        List<MdSuperblockWriter> w = members(5, ParityLayout.LEFT_SYMMETRIC, 3);
        MdSuperblockWriter r = w.get(0);
        r.featureMap = MdSuperblock.FEATURE_RESHAPE_ACTIVE;
        MdAssembler.Candidate c = member("a", 0, r);
        assertThat(c.superblock().reshape()).isNotNull();
        MdArray arr = MdAssembler.assemble(List.of(c)).get(0);
        assertThat(arr.readable()).isFalse();
        assertThat(arr.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).startsWith("a reshape is in progress (RAID5 of 3 devices");
        });
    }

    @Test
    void shouldLayRaid5FromTheSuperblocksOfEveryVersion() {
        for (String version : List.of("0.90", "1.0", "1.1", "1.2")) {
            List<MdSuperblockWriter> w = members(5, ParityLayout.LEFT_ASYMMETRIC, 3);
            w.forEach(x -> x.dataOffsetSectors = version.equals("1.1") || version.equals("1.2") ? 256 : 0);
            List<MdAssembler.Candidate> c = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                c.add(member("m" + i, i, w.get(i), version));
            }
            MdArray arr = MdAssembler.assemble(c).get(0);
            assertThat(arr.findings()).as(version).isEmpty();
            assertThat(arr.layout()).isInstanceOf(ParityLayout.class);
            ParityLayout p = (ParityLayout) arr.layout();
            assertThat(p.algorithm()).isEqualTo(ParityLayout.LEFT_ASYMMETRIC);
            assertThat(p.chunkBytes()).isEqualTo(65536);
            assertThat(arr.sizeBytes()).isEqualTo(2 * p.stripes() * 65536);
        }
    }

    @Test
    void shouldRefuseALevelItDoesNotRead() {
        MdSuperblockWriter a = new MdSuperblockWriter();
        a.level = -4;
        MdArray arr = MdAssembler.assemble(List.of(member("p3", 0, a))).get(0);
        assertThat(arr.readable()).isFalse();
        assertThat(arr.findings()).anySatisfy(f -> assertThat(f.message()).contains("multipath (level -4) is not read"));
    }
}
