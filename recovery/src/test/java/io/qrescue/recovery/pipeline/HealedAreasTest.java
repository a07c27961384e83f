package io.qrescue.recovery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.MetadataDomain;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.md.MdLayout;
import io.qrescue.recovery.stack.md.MemberData;
import io.qrescue.recovery.stack.md.ParityLayout;
import io.qrescue.recovery.stack.md.Raid1Layout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which unread member bytes the other members heal, on small synthetic arrays whose members start 4 KiB into their
 * images: bad bytes alone in their stripe row (or with a good copy) are healed, bad bytes sharing a row with another
 * member's are not, bytes outside a member's data area never are.
 */
class HealedAreasTest {

    private static final long AT = 4096;
    private static final long MEMBER = 8192;
    private static final long IMAGE = AT + MEMBER + 1024;

    /** A map of an {@code IMAGE}-byte image, finished except {@code bad} (each {pos, end, status symbol}). */
    private static BlockMap map(long[]... bad) {
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        for (long[] b : bad) {
            if (b[0] > pos) {
                blocks.add(new StatusBlock(pos, b[0] - pos, BlockStatus.FINISHED));
            }
            blocks.add(new StatusBlock(b[0], b[1] - b[0], BlockStatus.fromSymbol((char) b[2])));
            pos = b[1];
        }
        if (pos < IMAGE) {
            blocks.add(new StatusBlock(pos, IMAGE - pos, BlockStatus.FINISHED));
        }
        return BlockMap.of(blocks);
    }

    private static MdArraySource array(MdLayout layout, List<BlockMap> maps, boolean[] present) {
        List<MdArraySource.Member> members = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            if (!present[i]) {
                continue;
            }
            String name = "disk" + (i + 1) + ".img";
            RescuedImage image = RescuedImage.of(name, new ByteArraySource(new byte[(int) IMAGE]),
                    Readability.of(maps.get(i)));
            members.add(new MdArraySource.Member(i, name, i, AT,
                    MemberData.of(name, image, name, AT, layout.memberBytes(i))));
        }
        return new MdArraySource("md1", layout, members);
    }

    private static BlockMap all() {
        return MetadataDomain.covering(List.of(new Block(0, IMAGE)), IMAGE);
    }

    @Test
    void raid5HealsBadBytesAloneInTheirRowAndNotThoseSharingOne() {
        // RAID5 left-symmetric, 3 members, 1 KiB chunks: each stripe row is 1 KiB at the same member offset
        ParityLayout layout = new ParityLayout(5, 2, 3, 1024, MEMBER);
        List<BlockMap> maps = List.of(
                map(new long[] {0, 512, '?'}, new long[] {AT + 1024, AT + 1536, '/'}),
                map(new long[] {AT + 1280, AT + 1792, '-'}),
                map(new long[] {AT + 4096, AT + 4608, '*'}, new long[] {AT + MEMBER, IMAGE, '?'}));
        HealedAreas areas = new HealedAreas(List.of(array(layout, maps, new boolean[] {true, true, true})));

        // member 1: row 1 is bad on member 2 from 1280 on; the part before heals, the shared part does not, and the
        // bytes before the member's data area are nobody's to heal
        assertThat(areas.healed(0, maps.get(0), all())).containsExactly(Block.between(AT + 1024, AT + 1280));
        assertThat(areas.healed(1, maps.get(1), all())).containsExactly(Block.between(AT + 1536, AT + 1792));
        // member 3: its bad bytes alone in row 4 heal; the bytes past its data area do not
        assertThat(areas.healed(2, maps.get(2), all())).containsExactly(Block.between(AT + 4096, AT + 4608));
        // only inside the domain
        BlockMap firstKiB = MetadataDomain.covering(List.of(new Block(0, AT + 1024)), IMAGE);
        assertThat(areas.healed(0, maps.get(0), firstKiB)).isEmpty();

        // the partners of member 1's unread row-1 bytes: the same row on members 2 and 3
        assertThat(areas.partners(0, maps.get(0), all())).containsExactlyInAnyOrder(
                new HealedAreas.Area(1, Block.between(AT + 1024, AT + 1536)),
                new HealedAreas.Area(2, Block.between(AT + 1024, AT + 1536)));
        assertThat(areas.covers(0)).isTrue();

        // the domain less what heals: still '+' around it, '?' over it
        BlockMap rest = HealedAreas.without(all(), areas.healed(0, maps.get(0), all()));
        assertThat(rest.toList()).containsExactly(new StatusBlock(0, AT + 1024, BlockStatus.FINISHED),
                new StatusBlock(AT + 1024, 256, BlockStatus.NON_TRIED),
                new StatusBlock(AT + 1280, IMAGE - AT - 1280, BlockStatus.FINISHED));
        assertThat(HealedAreas.unfinishedBytes(maps.get(0), rest)).isEqualTo(512 + 256);
    }

    @Test
    void aDegradedRaid5HealsNothingAndAMemberAloneIsNotCovered() {
        ParityLayout layout = new ParityLayout(5, 2, 3, 1024, MEMBER);
        List<BlockMap> maps = List.of(map(new long[] {AT + 1024, AT + 1536, '-'}), map(), map());
        HealedAreas degraded = new HealedAreas(List.of(array(layout, maps, new boolean[] {true, true, false})));
        assertThat(degraded.covers(0)).isTrue();
        assertThat(degraded.healed(0, maps.get(0), all())).isEmpty();

        HealedAreas alone = new HealedAreas(List.of(array(new Raid1Layout(2, MEMBER), maps,
                new boolean[] {true, false, false})));
        assertThat(alone.covers(0)).isFalse();
        assertThat(alone.healed(0, maps.get(0), all())).isEmpty();
    }

    @Test
    void raid1HealsFromTheOtherCopyWhereItIsGood() {
        Raid1Layout layout = new Raid1Layout(2, MEMBER);
        List<BlockMap> maps = List.of(
                map(new long[] {AT, AT + 512, '-'}, new long[] {AT + 2048, AT + 2560, '/'}),
                map(new long[] {AT + 2048, AT + 3072, '-'}));
        HealedAreas areas = new HealedAreas(List.of(array(layout, maps, new boolean[] {true, true})));
        assertThat(areas.healed(0, maps.get(0), all())).containsExactly(Block.between(AT, AT + 512));
        assertThat(areas.healed(1, maps.get(1), all())).containsExactly(Block.between(AT + 2560, AT + 3072));
        assertThat(areas.partners(0, maps.get(0), all())).containsExactly(
                new HealedAreas.Area(1, Block.between(AT, AT + 512)),
                new HealedAreas.Area(1, Block.between(AT + 2048, AT + 2560)));
    }
}
