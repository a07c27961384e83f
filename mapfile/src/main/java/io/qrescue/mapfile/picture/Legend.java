package io.qrescue.mapfile.picture;

import io.qrescue.mapfile.log.StatusTotals;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.mapfile.RunStatus;

import java.util.ArrayList;
import java.util.List;

/** The texts of a picture, shared by both renderers: the title line and the legend lines with swatches. */
final class Legend {

    /** What sits left of a legend line's text. */
    enum Swatch { FILL, FRAME }

    record Line(String text, Swatch swatch, int rgb) {
    }

    private final String title; // null: no title line
    private final List<Line> lines;

    private Legend(String title, List<Line> lines) {
        this.title = title;
        this.lines = List.copyOf(lines);
    }

    /** Lines of the legend for these options, known before the grid is: every status, position, domain. */
    static int lineCount(PictureOptions options) {
        return StatusTotals.SUMMARY_ORDER.size() + 1 + (options.domain() != null ? 1 : 0);
    }

    /**
     * The title and legend. {@code totals} are those the colours show; {@code domainTotals} (null without a
     * domain) give the domain's size and areas.
     */
    static Legend of(PictureOptions options, CellGrid grid, StatusTotals totals, StatusTotals domainTotals,
                     long currentPos, RunStatus runStatus) {
        boolean binary = options.binaryPrefixes();
        String title = null;
        if (options.showTitle()) {
            title = (options.name().isEmpty() ? "" : options.name() + "   ")
                    + "extent: " + size(totals.extent().size(), binary)
                    + "   cell: " + size(grid.cellBytes(), binary)
                    + "   grid: " + grid.columns() + " x " + grid.rows();
        }
        List<Line> lines = new ArrayList<>();
        for (BlockStatus status : StatusTotals.SUMMARY_ORDER) {
            // ddrescuelog -t's numbers, in columns so the fixed-width text lines up
            String text = String.format("%-13s%10s  in %7d area(s)  %s", StatusTotals.word(status) + ":",
                    size(totals.bytes(status), binary), totals.areas(status), totals.percentage(status));
            lines.add(new Line(text, Swatch.FILL, Palette.rgb(status)));
        }
        lines.add(new Line(String.format("%-13s%10s  current status: %s", "current pos:", size(currentPos, binary),
                runStatus.label()), Swatch.FRAME, Palette.CURRENT_POSITION));
        if (domainTotals != null) {
            boolean dim = options.domainStyle() == PictureOptions.DomainStyle.DIM;
            String text = String.format("%-13s%10s  in %7d area(s)  %s", options.domainLabel() + ":",
                    size(domainTotals.size(), binary),
                    domainTotals.domainAreas(), dim ? "(outside dimmed)" : "(outlined)");
            lines.add(dim ? new Line(text, Swatch.FILL, Palette.OUTSIDE_DOMAIN)
                    : new Line(text, Swatch.FRAME, Palette.DOMAIN_OUTLINE));
        }
        return new Legend(title, lines);
    }

    /** ddrescue's way of writing a size: "49152 B", "16000 GB". */
    private static String size(long bytes, boolean binary) {
        return HumanNumbers.formatNum(bytes, binary) + "B";
    }

    /** The title line, or null if the picture has none. */
    String title() {
        return title;
    }

    List<Line> lines() {
        return lines;
    }

    /** Every text of the picture, title first if any. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        if (title != null) {
            texts.add(title);
        }
        lines.forEach(line -> texts.add(line.text()));
        return texts;
    }
}
