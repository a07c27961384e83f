package io.qrescue.recovery.report;

import io.qrescue.recovery.json.JsonText;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.log.StatusTotals;
import java.util.List;
import java.util.Locale;

/** Renders a {@link RescueReport} as JSON with the page's content (the picture as its inputs, not as pixels). */
public final class ReportJson {

    private ReportJson() {
    }

    /** The JSON document, UTF-8 text, two-space indented. */
    public static String render(RescueReport r) {
        StringBuilder b = new StringBuilder(64 * 1024).append("{\n  \"title\": ");
        str(b, r.title()).append(",\n  \"generatedAt\": ");
        str(b, r.generatedAt()).append(",\n  \"image\": {\"name\": ");
        str(b, r.image().name()).append(", \"sizeBytes\": ").append(r.image().sizeBytes())
                .append(", \"readableBytes\": ").append(r.image().readableBytes()).append("},\n  \"map\": ");
        if (r.map() == null) {
            b.append("null");
        } else {
            map(b, r.map());
        }
        b.append(",\n  \"disks\": [");
        for (int i = 0; i < r.disks().size(); i++) {
            RescueReport.DiskView d = r.disks().get(i);
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ");
            str(b, d.image().name()).append(", \"sizeBytes\": ").append(d.image().sizeBytes())
                    .append(", \"readableBytes\": ").append(d.image().readableBytes()).append(", \"map\": ");
            map(b, d.map());
            if (d.imaging() != null) {
                imaging(b.append(", \"imaging\": "), d.imaging());
            }
            b.append('}');
        }
        b.append(r.disks().isEmpty() ? "]" : "\n  ]");
        b.append(",\n  \"stack\": ");
        if (r.stack() == null) {
            b.append("null");
        } else {
            node(b, r.stack());
        }
        b.append(",\n  \"damage\": [");
        for (int i = 0; i < r.damage().size(); i++) {
            RescueReport.DamageRow d = r.damage().get(i);
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"region\": ");
            range(b, d.region()).append(", \"status\": ");
            str(b, d.status()).append(", \"touches\": ");
            str(b, d.touches()).append(", \"cost\": ");
            str(b, d.cost()).append('}');
        }
        b.append(r.damage().isEmpty() ? "]" : "\n  ]").append(",\n  \"volumes\": [");
        for (int i = 0; i < r.volumes().size(); i++) {
            RescueReport.VolumeSummary v = r.volumes().get(i);
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ");
            str(b, v.name()).append(", \"filesystem\": ");
            str(b, v.filesystem()).append(", \"sizeBytes\": ").append(v.sizeBytes()).append(", \"readableBytes\": ")
                    .append(v.readableBytes()).append(", \"readableFraction\": ")
                    .append(String.format(Locale.ROOT, "%.6f", v.readableFraction())).append(", \"note\": ");
            str(b, v.note()).append('}');
        }
        b.append(r.volumes().isEmpty() ? "]" : "\n  ]").append(",\n  \"filesystemDamage\": [");
        for (int i = 0; i < r.filesystemDamage().size(); i++) {
            RescueReport.FilesystemDamageRow d = r.filesystemDamage().get(i);
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"volume\": ");
            str(b, d.volume()).append(", \"structure\": ");
            str(b, d.structure()).append(", \"volumeRange\": ");
            range(b, d.volumeRange()).append(", \"detail\": ");
            str(b, d.detail()).append('}');
        }
        b.append(r.filesystemDamage().isEmpty() ? "]" : "\n  ]").append(",\n  \"files\": [");
        for (int i = 0; i < r.files().size(); i++) {
            RescueReport.FileRow f = r.files().get(i);
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"volume\": ");
            str(b, f.volume()).append(", \"path\": ");
            str(b, f.path()).append(", \"inode\": ").append(f.inode()).append(", \"sizeBytes\": ").append(f.sizeBytes())
                    .append(", \"state\": \"").append(f.state().name().toLowerCase(Locale.ROOT))
                    .append("\", \"damagedRanges\": ");
            ranges(b, f.damagedRanges()).append(", \"sha256\": ");
            str(b, f.sha256()).append('}');
        }
        b.append(r.files().isEmpty() ? "]" : "\n  ]").append(",\n  \"progress\": ");
        progress(b, r.progress());
        b.append(",\n  \"notes\": [");
        for (int i = 0; i < r.notes().size(); i++) {
            str(b.append(i == 0 ? "" : ", "), r.notes().get(i));
        }
        return b.append("]\n}\n").toString();
    }

    /**
     * progress.json: per disk (named as in {@code disks}) what imaging it cost so far, per volume the files complete.
     */
    public static String progressDocument(List<String> disks, List<RescueReport.Imaging> imaging,
            List<RescueReport.VolumeProgress> progress) {
        StringBuilder b = new StringBuilder("{\n  \"imaging\": [");
        for (int i = 0; i < imaging.size(); i++) {
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"disk\": ");
            str(b, disks.get(i)).append(", \"imaging\": ");
            imaging(b, imaging.get(i)).append('}');
        }
        b.append(imaging.isEmpty() ? "]" : "\n  ]").append(",\n  \"progress\": ");
        return progress(b, progress).append("\n}\n").toString();
    }

    private static StringBuilder imaging(StringBuilder b, RescueReport.Imaging m) {
        return b.append("{\"reads\": ").append(m.reads()).append(", \"badAreaReads\": ").append(m.badAreaReads())
                .append(", \"bytesRead\": ").append(m.bytesRead()).append(", \"bytesReadWhenFilesComplete\": ")
                .append(m.bytesReadWhenFilesComplete() < 0 ? "null" : m.bytesReadWhenFilesComplete())
                .append(", \"healedByArrayBytes\": ").append(m.healedByArrayBytes()).append('}');
    }

    /** Per volume: files complete of files total, file data left, the complete files' paths. */
    private static StringBuilder progress(StringBuilder b, List<RescueReport.VolumeProgress> progress) {
        b.append('[');
        for (int i = 0; i < progress.size(); i++) {
            RescueReport.VolumeProgress p = progress.get(i);
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"volume\": ");
            str(b, p.volume()).append(", \"filesComplete\": ").append(p.complete().size()).append(", \"filesTotal\": ")
                    .append(p.filesTotal()).append(", \"fileBytesLeft\": ").append(p.fileBytesLeft())
                    .append(", \"allKnown\": ").append(p.allKnown()).append(", \"complete\": [");
            for (int j = 0; j < p.complete().size(); j++) {
                str(b.append(j == 0 ? "" : ", "), p.complete().get(j));
            }
            b.append("]}");
        }
        return b.append(progress.isEmpty() ? "]" : "\n  ]");
    }

    private static StringBuilder map(StringBuilder b, RescueReport.MapView map) {
        StatusTotals totals = StatusTotals.of(map.mapfile().blocks(), null);
        b.append("{\"statusBytes\": {");
        for (int i = 0; i < BlockStatus.values().length; i++) {
            BlockStatus s = BlockStatus.values()[i];
            b.append(i == 0 ? "" : ", ");
            str(b, s.name().toLowerCase(Locale.ROOT)).append(": ").append(totals.bytes(s));
        }
        b.append("}, \"metadataRegions\": ");
        return ranges(b, map.metadataRegions()).append('}');
    }

    private static void node(StringBuilder b, RescueReport.StackNode n) {
        b.append("{\"label\": ");
        str(b, n.label()).append(", \"kind\": ");
        str(b, n.kind()).append(", \"sizeBytes\": ").append(n.sizeBytes()).append(", \"detail\": ");
        str(b, n.detail()).append(", \"children\": [");
        for (int i = 0; i < n.children().size(); i++) {
            b.append(i == 0 ? "" : ", ");
            node(b, n.children().get(i));
        }
        b.append("]}");
    }

    private static StringBuilder ranges(StringBuilder b, List<RescueReport.Range> ranges) {
        b.append('[');
        for (int i = 0; i < ranges.size(); i++) {
            range(b.append(i == 0 ? "" : ", "), ranges.get(i));
        }
        return b.append(']');
    }

    private static StringBuilder range(StringBuilder b, RescueReport.Range r) {
        return b.append("{\"offsetBytes\": ").append(r.offsetBytes()).append(", \"lengthBytes\": ")
                .append(r.lengthBytes()).append('}');
    }

    /** Appends {@code s} as a JSON string: quotes, backslashes, control characters and lone surrogates escaped. */
    static StringBuilder str(StringBuilder b, String s) {
        return JsonText.quote(b, s);
    }
}
