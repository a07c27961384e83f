package io.qrescue.mapfile.log;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.StatusBlock;
import java.util.EnumMap;
import java.util.Map;

/**
 * Bytes and areas of each status inside a domain, and ddrescuelog -t's text for them. Areas are blocks of
 * the compacted map after splitting at domain borders, as ddrescuelog counts them.
 *
 * @param extent     the map's extent before domain cropping
 * @param mapBlocks  blocks of the compacted map ("mapfile extent ... in N area(s)")
 * @param domain     the domain after cropping to the extent
 */
public record StatusSummary(long currentPos, String runStatusLabel, Block extent, int mapBlocks, Domain domain,
        Map<BlockStatus, Long> bytes, Map<BlockStatus, Long> areas) {

    /**
     * Counts {@code mapfile}'s statuses inside {@code requested} (cropped to the extent). Compacts and splits
     * the mapfile's blocks. Returns null if the cropped domain is empty.
     */
    public static StatusSummary of(Mapfile mapfile, Domain requested) {
        BlockMap blocks = mapfile.blocks();
        blocks.compact();
        Block extent = blocks.extent();
        Domain domain = requested.crop(extent);
        if (domain.isEmpty()) {
            return null;
        }
        int trueBlocks = blocks.blockCount();
        blocks.splitByDomainBorders(domain);
        Map<BlockStatus, Long> bytes = new EnumMap<>(BlockStatus.class);
        Map<BlockStatus, Long> areas = new EnumMap<>(BlockStatus.class);
        for (BlockStatus status : BlockStatus.values()) {
            bytes.put(status, 0L);
            areas.put(status, 0L);
        }
        for (StatusBlock sb : blocks) {
            if (!domain.includes(sb)) {
                if (domain.isBefore(sb.block())) {
                    break;
                }
                continue;
            }
            bytes.merge(sb.status(), sb.size(), Long::sum);
            areas.merge(sb.status(), 1L, Long::sum);
        }
        return new StatusSummary(mapfile.currentPos(), mapfile.runStatus().label(), extent, trueBlocks, domain,
                bytes, areas);
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
        line(out, "     non-tried: ", BlockStatus.NON_TRIED, binaryPrefixes);
        line(out, "       rescued: ", BlockStatus.FINISHED, binaryPrefixes);
        line(out, "   non-trimmed: ", BlockStatus.NON_TRIMMED, binaryPrefixes);
        line(out, "   non-scraped: ", BlockStatus.NON_SCRAPED, binaryPrefixes);
        line(out, "    bad-sector: ", BlockStatus.BAD_SECTOR, binaryPrefixes);
        return out.toString();
    }

    private void line(StringBuilder out, String label, BlockStatus status, boolean binaryPrefixes) {
        out.append(label).append(num9(bytes.get(status), binaryPrefixes)).append("B,  in ")
                .append(pad(areas.get(status), 6)).append(" area(s)  (")
                .append(HumanNumbers.formatPercentage(bytes.get(status), domain.inSize())).append(")\n");
    }

    private static String num9(long value, boolean binaryPrefixes) {
        return pad(HumanNumbers.formatNum(value, binaryPrefixes), 9);
    }

    private static String pad(Object value, int width) {
        String text = String.valueOf(value);
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
