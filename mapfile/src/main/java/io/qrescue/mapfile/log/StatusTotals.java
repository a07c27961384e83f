package io.qrescue.mapfile.log;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.mapfile.StatusBlock;

import java.util.List;

/**
 * Bytes and areas of each status inside a domain, and their percentages of the domain's size: the numbers of
 * {@code ddrescuelog -t} (ddrescuelog: do_show_status). An area is a run of consecutive in-domain blocks of
 * one status; a block outside the domain ends the run.
 */
public final class StatusTotals {

    /** The order in which ddrescuelog lists the statuses. */
    public static final List<BlockStatus> SUMMARY_ORDER = List.of(BlockStatus.NON_TRIED, BlockStatus.FINISHED,
            BlockStatus.NON_TRIMMED, BlockStatus.NON_SCRAPED, BlockStatus.BAD_SECTOR);

    private final long[] bytes = new long[BlockStatus.values().length];
    private final int[] areas = new int[BlockStatus.values().length];
    private final Block extent;
    private final int blockCount;
    private long size;
    private int domainAreas;

    private StatusTotals(BlockMap blocks) {
        this.extent = blocks.extent();
        this.blockCount = blocks.blockCount();
    }

    /** Totals of {@code blocks} inside {@code domain}, or of the whole map if {@code domain} is null. */
    public static StatusTotals of(BlockMap blocks, Domain domain) {
        StatusTotals totals = new StatusTotals(blocks);
        List<Block> in = domain == null ? Domain.everything().blocks() : domain.blocks();
        int k = 0;                 // first domain block that may still overlap; only moves forwards
        long runEnd = -1;          // end of the last in-domain piece, -1 before the first
        BlockStatus runStatus = null;
        for (StatusBlock sb : blocks) {
            BlockStatus status = sb.status();
            if (sb.size() == 0) {
                // ddrescuelog counts a zero-size head block as an area when the domain includes it
                if (domain == null || domain.includes(sb.block())) {
                    totals.count(status, 0, 0, runEnd == 0 && runStatus == status, runEnd == 0);
                    runEnd = 0;
                    runStatus = status;
                }
                continue;
            }
            long p = sb.pos();
            while (p < sb.end()) {
                while (k < in.size() && in.get(k).end() <= p) {
                    k++;
                }
                if (k == in.size() || in.get(k).pos() >= sb.end()) {
                    break;
                }
                long from = Math.max(p, in.get(k).pos());
                long to = Math.min(sb.end(), in.get(k).end());
                totals.count(status, from, to, runEnd == from && runStatus == status, runEnd == from);
                runEnd = to;
                runStatus = status;
                p = to;
            }
        }
        return totals;
    }

    private void count(BlockStatus status, long from, long to, boolean sameArea, boolean sameDomainArea) {
        bytes[status.ordinal()] += to - from;
        size += to - from;
        if (!sameArea) {
            areas[status.ordinal()]++;
        }
        if (!sameDomainArea) {
            domainAreas++;
        }
    }

    /** Bytes of {@code status} inside the domain. */
    public long bytes(BlockStatus status) {
        return bytes[status.ordinal()];
    }

    /** Runs of consecutive in-domain blocks of {@code status}. */
    public int areas(BlockStatus status) {
        return areas[status.ordinal()];
    }

    /** Bytes of the map inside the domain: the base of the percentages. */
    public long size() {
        return size;
    }

    /** Runs of consecutive map bytes inside the domain (ddrescuelog: "domain size: ... in N area(s)"). */
    public int domainAreas() {
        return domainAreas;
    }

    /** From the start of the map's first block to the end of its last. */
    public Block extent() {
        return extent;
    }

    public int blockCount() {
        return blockCount;
    }

    /** {@code bytes(status)} as a percentage of {@link #size()}, as ddrescuelog prints it (" 18.75%"). */
    public String percentage(BlockStatus status) {
        return HumanNumbers.formatPercentage(bytes(status), size);
    }

    /** ddrescuelog's word for {@code status} in its summary: "rescued" for finished, else the status label. */
    public static String word(BlockStatus status) {
        return status == BlockStatus.FINISHED ? "rescued" : status.label();
    }

    /** The line {@code ddrescuelog -t} prints for {@code status}, e.g. {@code "   non-tried:  49152 B, ..."}. */
    public String summaryLine(BlockStatus status, boolean binaryPrefixes) {
        // "%14s: %9sB,  in %6d area(s)  (%s)" without java.util.Formatter, which costs a short run's start-up
        return StatusSummary.pad(word(status), 14) + ": "
                + StatusSummary.pad(HumanNumbers.formatNum(bytes(status), binaryPrefixes), 9) + "B,  in "
                + StatusSummary.pad(areas(status), 6) + " area(s)  (" + percentage(status) + ")";
    }
}
