package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The debugfs output readers on transcripts captured from debugfs 1.47.0. */
class DebugfsParsersTest {

    private static final String TRANSCRIPT = """
            debugfs 1.47.0 (5-Feb-2023)
            debugfs: icheck 0 300 1100 5000
            Block	Inode number
            0	<block not found>
            300	8
            1100	8
            5000	<block not found>
            debugfs: ncheck 12 13 23 14
            Inode	Pathname
            12	//a b
            13	/a b/ünï
            23	//new
            line
            14	/a b/ünï/f 1
            14	/a b/hard link
            debugfs: stat <17>
            Inode: 17   Type: regular    Mode:  0644   Flags: 0x80000
            Generation: 0    Version: 0x00000000:00000000
            User:     0   Group:     0   Project:     0   Size: 2000000
            File ACL: 0
            Links: 1   Blockcount: 3912
            Fragment:  Address: 0    Number: 0    Size: 0
            Size of extra inode fields: 32
            Inode checksum: 0x7ca2fb04
            EXTENTS:
            (0-73):1373-1446, (74-147):1521-1594, (148-488):1670-2010, (600-700[u]):2122-2222
            debugfs: stat <99>
            """;

    @Test
    void aTranscriptSplitsIntoOneSectionPerEchoedCommand() {
        List<DebugfsTranscript.Section> sections = DebugfsTranscript.sections(TRANSCRIPT);
        assertThat(sections).extracting(DebugfsTranscript.Section::command)
                .containsExactly("icheck 0 300 1100 5000", "ncheck 12 13 23 14", "stat <17>", "stat <99>");
        assertThat(sections.get(3).lines()).isEmpty();
    }

    @Test
    void icheckGivesOwnersAndSkipsBlocksNoInodeOwns() {
        Map<Long, Long> owners = new HashMap<>();
        IcheckParser.read(DebugfsTranscript.sections(TRANSCRIPT).get(0).lines(), owners);
        assertThat(owners).containsExactlyInAnyOrderEntriesOf(Map.of(300L, 8L, 1100L, 8L));
    }

    @Test
    void ncheckJoinsNamesWithNewlinesKeepsHardLinksAndDropsTheDoubleRootSlash() {
        Map<Long, List<String>> paths = NcheckParser.read(DebugfsTranscript.sections(TRANSCRIPT).get(1).lines());
        assertThat(paths).containsExactlyInAnyOrderEntriesOf(Map.of(12L, List.of("/a b"), 13L, List.of("/a b/ünï"),
                23L, List.of("/new\nline"), 14L, List.of("/a b/ünï/f 1", "/a b/hard link")));
    }

    @Test
    void statReadsTypeSizeAndExtentsWithUnwrittenOnes() {
        InodeStat st = StatParser.read(DebugfsTranscript.sections(TRANSCRIPT).get(2).lines());
        assertThat(st.inode()).isEqualTo(17);
        assertThat(st.type()).isEqualTo("regular");
        assertThat(st.sizeBytes()).isEqualTo(2_000_000);
        assertThat(st.dataRuns()).containsExactly(new InodeStat.DataRun(0, 1373, 74, false),
                new InodeStat.DataRun(74, 1521, 74, false), new InodeStat.DataRun(148, 1670, 341, false),
                new InodeStat.DataRun(600, 2122, 101, true));
        assertThat(st.mappingBlocks()).isEmpty();
    }

    @Test
    void statReadsExtentTreeNodesAsMappingBlocks() {
        InodeStat st = StatParser.read(List.of("Inode: 52   Type: regular    Mode:  0644   Flags: 0x80000",
                "User:     0   Group:     0   Project:     0   Size: 163840", "EXTENTS:",
                "(ETB0):1172, (0):1162, (1):1164, (5-6):1174-1175, (19-39):1202-1222"));
        assertThat(st.mappingBlocks()).containsExactly(1172L);
        assertThat(st.dataRuns()).extracting(InodeStat.DataRun::logicalBlock).containsExactly(0L, 1L, 5L, 19L);
        assertThat(st.dataRuns().get(3).count()).isEqualTo(21);
    }

    @Test
    void statReadsIndirectMappedBlocks() {
        InodeStat st = StatParser.read(List.of("Inode: 12   Type: regular    Mode:  0644   Flags: 0x0",
                "User:     0   Group:     0   Project:     0   Size: 70000", "BLOCKS:",
                "(0-11):1591-1602, (IND):1603, (12-68):1604-1660", "TOTAL: 70"));
        assertThat(st.mappingBlocks()).containsExactly(1603L);
        assertThat(st.dataRuns()).containsExactly(new InodeStat.DataRun(0, 1591, 12, false),
                new InodeStat.DataRun(12, 1604, 57, false));
    }

    @Test
    void statOfAnUnreadableInodeIsNullAndUnevenRunsAreRejected() {
        assertThat(StatParser.read(List.of())).isNull();
        assertThatThrownBy(() -> StatParser.read(List.of("Inode: 5   Type: regular", "EXTENTS:", "(0-3):10-11")))
                .hasMessageContaining("inode 5").hasMessageContaining("(0-3):10-11");
    }
}
