package io.qrescue.recovery.report;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.picture.MapPicture;
import io.qrescue.mapfile.picture.PictureOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Renders a {@link RescueReport} as one self-contained HTML page: inline CSS, the map picture as a data: URI PNG,
 * no scripts, a Content-Security-Policy that forbids loading anything. Damaged files come first; intact files
 * are listed up to {@link #MAX_INTACT_ROWS} (the JSON has them all).
 */
public final class ReportHtml {

    /** More intact files than this are counted, not listed, to keep the page openable. */
    public static final int MAX_INTACT_ROWS = 2000;
    static final int PICTURE_WIDTH = 1000;
    static final int PICTURE_HEIGHT = 560;

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ccc}
            .meta{color:#555}.notes li{color:#8a4b00}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;
            vertical-align:top}th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.lost td{background:#fde2e2}tr.unknown td{background:#f0e2fd}tr.damaged td{background:#fff3d6}
            .bar{display:inline-block;width:160px;height:10px;background:#d33;vertical-align:middle;margin-right:6px}
            .bar span{display:block;height:10px;background:#3a3}
            ul.tree,ul.tree ul{list-style:none;padding-left:18px;margin:0}ul.tree li{margin:2px 0}
            .kind{color:#555}.detail{color:#8a4b00}code{font-size:13px}img{max-width:100%;border:1px solid #ccc}
            """;

    private ReportHtml() {
    }

    /** The page. */
    public static String render(RescueReport r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;")
                .append(" style-src 'unsafe-inline'\">\n<title>").append(Html.text(r.title())).append("</title>\n<style>")
                .append(CSS).append("</style>\n</head>\n<body>\n<h1>").append(Html.text(r.title())).append("</h1>\n")
                .append("<p class=\"meta\">Generated ").append(Html.text(r.generatedAt())).append(" · image <code>")
                .append(Html.text(r.image().name())).append("</code>, ").append(Html.size(r.image().sizeBytes()))
                .append(", ").append(Html.percent(r.image().readableFraction())).append(" readable</p>\n");
        if (!r.notes().isEmpty()) {
            b.append("<ul class=\"notes\">\n");
            r.notes().forEach(n -> b.append("<li>").append(Html.text(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        picture(b, r);
        stack(b, r.stack());
        damage(b, r.damage());
        volumes(b, r.volumes());
        filesystemDamage(b, r.filesystemDamage());
        files(b, r.files());
        return b.append("</body>\n</html>\n").toString();
    }

    private static void picture(StringBuilder b, RescueReport r) {
        if (r.disks().size() > 1) {
            // one picture per disk, each drawn like the one of a one-disk job
            for (int i = 0; i < r.disks().size(); i++) {
                RescueReport.DiskView d = r.disks().get(i);
                b.append("<section id=\"map-").append(i + 1).append("\">\n<h2>Map of disk ").append(i + 1)
                        .append(": ").append(Html.text(d.image().name())).append("</h2>\n<p class=\"meta\">")
                        .append(Html.size(d.image().sizeBytes())).append(", ")
                        .append(Html.percent(d.image().readableFraction())).append(" readable</p>\n");
                pictureOf(b, d.image(), d.map(), "map-picture-" + (i + 1));
                b.append("</section>\n");
            }
            return;
        }
        b.append("<section id=\"map\">\n<h2>Map of the image</h2>\n");
        if (r.map() == null) {
            b.append("<p>No mapfile: every byte counts as read.</p>\n</section>\n");
            return;
        }
        pictureOf(b, r.image(), r.map(), "map-picture");
        b.append("</section>\n");
    }

    private static void pictureOf(StringBuilder b, RescueReport.ImageSummary image, RescueReport.MapView map,
            String id) {
        try {
            byte[] png = picturePng(image.name(), map);
            b.append("<p>Colours as in ddrescueview; metadata regions are outlined.</p>\n")
                    .append("<img id=\"").append(id).append("\" alt=\"map of ").append(Html.text(image.name()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                    .append("\">\n");
        } catch (IllegalArgumentException e) {
            b.append("<p>No picture: ").append(Html.text(e.getMessage())).append("</p>\n");
        }
    }

    /** The map picture with the metadata regions outlined and named "metadata" in the legend. */
    static byte[] picturePng(RescueReport r) {
        return picturePng(r.image().name(), r.map());
    }

    /** The picture of one image's map. */
    static byte[] picturePng(String imageName, RescueReport.MapView map) {
        PictureOptions options = PictureOptions.defaults().withSize(PICTURE_WIDTH, PICTURE_HEIGHT)
                .withTitle(imageName).withBinaryPrefixes(true);
        List<Block> regions = new ArrayList<>();
        map.metadataRegions().stream().sorted(Comparator.comparingLong(RescueReport.Range::offsetBytes))
                .filter(x -> x.lengthBytes() > 0).forEach(x -> {
                    Block last = regions.isEmpty() ? null : regions.get(regions.size() - 1);
                    if (last != null && last.end() >= x.offsetBytes()) {
                        regions.set(regions.size() - 1, Block.between(last.pos(), Math.max(last.end(), x.endBytes())));
                    } else {
                        regions.add(Block.between(x.offsetBytes(), x.endBytes()));
                    }
                });
        if (!regions.isEmpty()) {
            options = options.withDomain(Domain.ofBlocks(regions), PictureOptions.DomainStyle.OUTLINE)
                    .withDomainLabel("metadata");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MapPicture.of(map.mapfile(), options).writePng(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static void stack(StringBuilder b, RescueReport.StackNode root) {
        b.append("<section id=\"stack\">\n<h2>Storage stack</h2>\n");
        if (root == null) {
            b.append("<p>Not analysed.</p>\n</section>\n");
            return;
        }
        b.append("<ul class=\"tree\" id=\"stack-tree\">\n");
        node(b, root);
        b.append("</ul>\n</section>\n");
    }

    private static void node(StringBuilder b, RescueReport.StackNode n) {
        b.append("<li><b>").append(Html.text(n.label())).append("</b> <span class=\"kind\">")
                .append(Html.text(n.kind())).append(n.sizeBytes() > 0 ? ", " + Html.size(n.sizeBytes()) : "")
                .append("</span>");
        if (!n.detail().isEmpty()) {
            b.append(" <span class=\"detail\">").append(Html.text(n.detail())).append("</span>");
        }
        if (!n.children().isEmpty()) {
            b.append("\n<ul>\n");
            n.children().forEach(c -> node(b, c));
            b.append("</ul>");
        }
        b.append("</li>\n");
    }

    private static void damage(StringBuilder b, List<RescueReport.DamageRow> rows) {
        b.append("<section id=\"damage\">\n<h2>Damage</h2>\n");
        if (rows.isEmpty()) {
            b.append("<p>No unreadable regions.</p>\n</section>\n");
            return;
        }
        b.append("<table id=\"damage-table\">\n<thead><tr><th>Region (image bytes)</th><th>Size</th><th>Status</th>")
                .append("<th>What it touches</th><th>Cost</th></tr></thead>\n<tbody>\n");
        for (RescueReport.DamageRow d : rows) {
            b.append("<tr><td class=\"num\">").append(d.region().offsetBytes()).append('-')
                    .append(d.region().endBytes() - 1).append("</td><td class=\"num\">")
                    .append(Html.size(d.region().lengthBytes())).append("</td><td>").append(Html.text(d.status()))
                    .append("</td><td>").append(Html.text(d.touches())).append("</td><td>").append(Html.text(d.cost()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void volumes(StringBuilder b, List<RescueReport.VolumeSummary> rows) {
        b.append("<section id=\"volumes\">\n<h2>Volumes</h2>\n");
        if (rows.isEmpty()) {
            b.append("<p>No volumes found.</p>\n</section>\n");
            return;
        }
        b.append("<table id=\"volume-table\">\n<thead><tr><th>Volume</th><th>Filesystem</th><th>Size</th>")
                .append("<th>Readable</th><th>Note</th></tr></thead>\n<tbody>\n");
        for (RescueReport.VolumeSummary v : rows) {
            String pct = Html.percent(v.readableFraction());
            b.append("<tr><td>").append(Html.text(v.name())).append("</td><td>").append(Html.text(v.filesystem()))
                    .append("</td><td class=\"num\">");
            if (v.sizeBytes() <= 0) {
                // a volume only the recovery VM saw: its size and placement are unknown here
                b.append("?</td><td>unknown");
            } else {
                b.append(Html.size(v.sizeBytes())).append("</td><td><span class=\"bar\"><span style=\"width:")
                        .append(pct).append("\"></span></span>").append(pct);
            }
            b.append("</td><td>").append(Html.text(v.note())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void filesystemDamage(StringBuilder b, List<RescueReport.FilesystemDamageRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        b.append("<section id=\"filesystem-damage\">\n<h2>Filesystem structures hit</h2>\n")
                .append("<table id=\"filesystem-damage-table\">\n<thead><tr><th>Volume</th><th>Structure</th>")
                .append("<th>Volume bytes</th><th>What it means</th></tr></thead>\n<tbody>\n");
        for (RescueReport.FilesystemDamageRow d : rows) {
            b.append("<tr><td>").append(Html.text(d.volume())).append("</td><td>").append(Html.text(d.structure()))
                    .append("</td><td class=\"num\">").append(d.volumeRange().offsetBytes()).append('-')
                    .append(d.volumeRange().endBytes() - 1).append("</td><td>").append(Html.text(d.detail()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void files(StringBuilder b, List<RescueReport.FileRow> rows) {
        b.append("<section id=\"files\">\n<h2>Files</h2>\n");
        List<RescueReport.FileRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(RescueReport.FileRow::state).thenComparing(RescueReport.FileRow::volume)
                .thenComparing(RescueReport.FileRow::path));
        long damaged = rows.stream().filter(f -> f.state() != RescueReport.FileState.INTACT).count();
        b.append("<p>").append(damaged).append(" damaged, of unknown provenance or lost, ").append(rows.size() - damaged)
                .append(" intact.</p>\n");
        if (rows.isEmpty()) {
            return;
        }
        b.append("<table id=\"file-table\">\n<thead><tr><th>State</th><th>Volume</th><th>Path</th><th>Inode</th>")
                .append("<th>Size</th><th>Damaged bytes (file offsets)</th></tr></thead>\n<tbody>\n");
        int intactShown = 0;
        for (RescueReport.FileRow f : sorted) {
            if (f.state() == RescueReport.FileState.INTACT && intactShown++ >= MAX_INTACT_ROWS) {
                b.append("<tr><td colspan=\"6\">").append(rows.size() - damaged - MAX_INTACT_ROWS)
                        .append(" more intact files: see the JSON report and the manifest</td></tr>\n");
                break;
            }
            String cls = f.state().name().toLowerCase(java.util.Locale.ROOT);
            b.append("<tr class=\"").append(cls).append("\"><td>").append(cls).append("</td><td>")
                    .append(Html.text(f.volume())).append("</td><td><code>").append(Html.text(f.path()))
                    .append("</code></td><td class=\"num\">").append(f.inode() > 0 ? Long.toString(f.inode()) : "")
                    .append("</td><td class=\"num\">").append(f.sizeBytes() >= 0 ? Html.size(f.sizeBytes()) : "?")
                    .append("</td><td>");
            for (int i = 0; i < f.damagedRanges().size() && i < 20; i++) {
                RescueReport.Range x = f.damagedRanges().get(i);
                b.append(i == 0 ? "" : ", ").append(x.offsetBytes()).append('-').append(x.endBytes() - 1);
            }
            if (f.damagedRanges().size() > 20) {
                b.append(", … (").append(f.damagedRanges().size() - 20).append(" more)");
            }
            if (f.state() == RescueReport.FileState.LOST) {
                b.append(f.damagedRanges().isEmpty() ? "" : "; ").append("inode or block map damaged");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }
}
