package io.qrescue.mapfile.log;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.mapfile.Mapfile;

/**
 * ddrescuelog -t's summary of a mapfile inside a domain: the counting is {@link StatusTotals}'s (runs of one
 * status inside the domain are its areas), this adds the header lines and the layout.
 *
 * @param extent     the map's extent before domain cropping
 * @param mapBlocks  blocks of the compacted map ("mapfile extent ... in N area(s)")
 * @param domain     the domain after cropping to the extent
 * @param totals     bytes and areas of each status inside the domain
 */
public record StatusSummary(long currentPos, String runStatusLabel, Block extent, int mapBlocks, Domain domain,
        StatusTotals totals) {

    /**
     * Counts {@code mapfile}'s statuses inside {@code requested} (cropped to the extent). Compacts the
     * mapfile's blocks, as ddrescuelog does before counting. Returns null if the cropped domain is empty.
     */
    public static StatusSummary of(Mapfile mapfile, Domain requested) {
        BlockMap blocks = mapfile.blocks();
        blocks.compact();
        Block extent = blocks.extent();
        Domain domain = requested.crop(extent);
        if (domain.isEmpty()) {
            return null;
        }
        return new StatusSummary(mapfile.currentPos(), mapfile.runStatus().label(), extent, blocks.blockCount(),
                domain, StatusTotals.of(blocks, domain));
    }

    /** ddrescuelog -t's text for one file; {@code name} is printed first when not null (-v). */
    public String render(String name, boolean binaryPrefixes) {
        StringBuilder out = new StringBuilder();
        if (name != null) {
            out.append('\n').append(name);
        }
        out.append("\n   current pos: ").append(num9(currentPos, binaryPrefixes)).append("B,  current status: ")
                .append(runStatusLabel).append('\n');
        out.append("mapfile extent: ").append(num9(extent.size(), binaryPrefixes)).append("B,  in ")
                .append(pad(mapBlocks, 6)).append(" area(s)\n");
        if (domain.pos() > 0 || domain.end() < extent.end() || domain.blockCount() > 1) {
            out.append("  domain begin: ").append(num9(domain.pos(), binaryPrefixes)).append("B,  domain end: ")
                    .append(num9(domain.end(), binaryPrefixes)).append("B\n");
            out.append("   domain size: ").append(num9(domain.inSize(), binaryPrefixes)).append("B,  in ")
                    .append(pad(domain.blockCount(), 6)).append(" area(s)\n");
        }
        out.append('\n');
        for (BlockStatus status : StatusTotals.SUMMARY_ORDER) {
            out.append(totals.summaryLine(status, binaryPrefixes)).append('\n');
        }
        return out.toString();
    }

    private static String num9(long value, boolean binaryPrefixes) {
        return pad(HumanNumbers.formatNum(value, binaryPrefixes), 9);
    }

    /** {@code value} right-aligned in {@code width} characters, as printf's {@code %Ns} and {@code %Nd} do. */
    static String pad(Object value, int width) {
        String text = String.valueOf(value);
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
