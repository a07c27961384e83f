package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.log.StatusTotals;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected lines are ddrescuelog 1.27's, from vectors/ddrescue-1.27/ddrescuelog/ddrescuelog_outputs.txt. */
class StatusTotalsTest {

    private static List<String> lines(StatusTotals totals) {
        List<String> lines = new ArrayList<>();
        for (BlockStatus status : StatusTotals.SUMMARY_ORDER) {
            lines.add(totals.summaryLine(status, false));
        }
        return lines;
    }

    @Test
    void shouldSumLikeDdrescuelogShowStatus() throws Exception {
        Mapfile sample = TestMaps.readShared("vectors/ddrescue-1.27/ddrescuelog/sample.map");

        StatusTotals totals = StatusTotals.of(sample.blocks(), null);

        assertThat(lines(totals)).containsExactly(
                "     non-tried:    49152 B,  in      1 area(s)  ( 18.75%)",
                "       rescued:   195584 B,  in      3 area(s)  ( 74.61%)",
                "   non-trimmed:     8192 B,  in      1 area(s)  (  3.13%)",
                "   non-scraped:     4096 B,  in      1 area(s)  (  1.56%)",
                "    bad-sector:     5120 B,  in      2 area(s)  (  1.95%)");
        assertThat(totals.size()).isEqualTo(262144);
        assertThat(totals.blockCount()).isEqualTo(8);
        assertThat(totals.extent().size()).isEqualTo(262144);
    }

    @Test
    void shouldSumInsideAnInputPositionAndSizeDomain() throws Exception {
        Mapfile sample = TestMaps.readShared("vectors/ddrescue-1.27/ddrescuelog/sample.map");

        StatusTotals totals = StatusTotals.of(sample.blocks(), Domain.of(0x10000, 0x20000));

        assertThat(lines(totals)).containsExactly(
                "     non-tried:    49152 B,  in      1 area(s)  ( 37.5%)",
                "       rescued:    65536 B,  in      1 area(s)  ( 50%)",
                "   non-trimmed:     8192 B,  in      1 area(s)  (  6.25%)",
                "   non-scraped:     4096 B,  in      1 area(s)  (  3.13%)",
                "    bad-sector:     4096 B,  in      1 area(s)  (  3.13%)");
        assertThat(totals.size()).isEqualTo(131072);
        assertThat(totals.domainAreas()).isEqualTo(1);
    }

    @Test
    void shouldSumInsideADomainMapfile() throws Exception {
        Mapfile sample = TestMaps.readShared("vectors/ddrescue-1.27/ddrescuelog/sample.map");
        Mapfile domainMap = TestMaps.readShared("vectors/ddrescue-1.27/ddrescuelog/domain.map");

        StatusTotals totals = StatusTotals.of(sample.blocks(), Domain.ofFinished(domainMap.blocks(), 0, -1));

        assertThat(lines(totals)).containsExactly(
                "     non-tried:    16384 B,  in      1 area(s)  ( 16.67%)",
                "       rescued:    64512 B,  in      1 area(s)  ( 65.63%)",
                "   non-trimmed:     8192 B,  in      1 area(s)  (  8.33%)",
                "   non-scraped:     4096 B,  in      1 area(s)  (  4.17%)",
                "    bad-sector:     5120 B,  in      2 area(s)  (  5.21%)");
        assertThat(totals.size()).isEqualTo(98304); // "domain size:    98304 B,  in      2 area(s)"
        assertThat(totals.domainAreas()).isEqualTo(2);
    }

    @Test
    void shouldSumALooselyReadMapWithGaps() throws Exception {
        Mapfile synthetic = MapfileReader.read(TestMaps.shared("vectors/ddrescue-1.27/ddrescuelog/synthetic.map"),
                BlockStatus.NON_TRIED);

        StatusTotals totals = StatusTotals.of(synthetic.blocks(), null);

        assertThat(lines(totals)).containsExactly(
                "     non-tried:    12288 B,  in      2 area(s)  ( 60%)",
                "       rescued:     4096 B,  in      1 area(s)  ( 20%)",
                "   non-trimmed:        0 B,  in      0 area(s)  (  0%)",
                "   non-scraped:        0 B,  in      0 area(s)  (  0%)",
                "    bad-sector:     4096 B,  in      1 area(s)  ( 20%)");
    }

    /** ddrescuelog's do_show_status loop, literally, over a map split at the domain's borders. */
    private static long[] ddrescuelogCounts(BlockMap map, Domain domain) {
        BlockMap split = map.copy();
        split.splitByDomainBorders(domain);
        long[] counts = new long[10]; // bytes by ordinal, then areas by ordinal
        BlockStatus old = BlockStatus.NON_TRIED;
        boolean first = true;
        for (StatusBlock sb : split) {
            if (!domain.includes(sb)) {
                if (domain.isBefore(sb.block())) {
                    break;
                }
                first = true;
                continue;
            }
            boolean change = first || sb.status() != old;
            first = false;
            counts[sb.status().ordinal()] += sb.size();
            if (change) {
                counts[5 + sb.status().ordinal()]++;
            }
            old = sb.status();
        }
        return counts;
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void shouldCountAreasAsDdrescuelogDoes(long seed) {
        Random rnd = new Random(seed);
        BlockMap map = TestMaps.random(rnd, 1 + rnd.nextInt(200), 1 + rnd.nextInt(4096), 0);
        // few statuses make long runs of equal status, which is where area counting can go wrong
        List<StatusBlock> narrowed = new ArrayList<>();
        for (StatusBlock sb : map) {
            narrowed.add(sb.withStatus(sb.status().ordinal() % 2 == 0 ? BlockStatus.FINISHED : BlockStatus.BAD_SECTOR));
        }
        map = BlockMap.of(narrowed);
        Domain domain = TestMaps.randomDomain(rnd, 1 + rnd.nextInt(10), map.extent().end() + 1000);

        StatusTotals totals = StatusTotals.of(map, domain);

        long[] expected = ddrescuelogCounts(map, domain);
        for (BlockStatus status : BlockStatus.values()) {
            assertThat(totals.bytes(status)).as("%s bytes", status).isEqualTo(expected[status.ordinal()]);
            assertThat(totals.areas(status)).as("%s areas", status).isEqualTo((int) expected[5 + status.ordinal()]);
        }
    }
}
