package io.qrescue.recovery.report;

import io.qrescue.recovery.files.ByteRange;
import io.qrescue.recovery.files.DamagedFile;
import io.qrescue.recovery.files.FileImpact;
import io.qrescue.recovery.files.ManifestEntry;
import io.qrescue.recovery.files.Ext4MetadataDamage;
import io.qrescue.recovery.files.MetadataKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/** Turns the files package's results into report rows, so the pipeline does not copy fields by hand. */
public final class ReportRows {

    private ReportRows() {
    }

    /**
     * One row per damaged file of {@code impact} and per intact regular file of {@code manifest} (null: none),
     * all tagged with {@code volume}.
     */
    public static List<RescueReport.FileRow> files(String volume, FileImpact impact, List<ManifestEntry> manifest) {
        List<RescueReport.FileRow> rows = new ArrayList<>();
        Set<String> damagedPaths = new HashSet<>();
        Map<String, String> shaByPath = new HashMap<>();
        if (manifest != null) {
            manifest.forEach(e -> shaByPath.put("/" + e.path(), e.sha256()));
        }
        if (impact != null) {
            for (DamagedFile f : impact.files()) {
                List<RescueReport.Range> ranges = f.damagedRanges().stream().map(ReportRows::range).toList();
                RescueReport.FileState state = f.inodeDamaged() || f.mappingDamaged() ? RescueReport.FileState.LOST
                        : f.provenanceUnknown() ? RescueReport.FileState.UNKNOWN : RescueReport.FileState.DAMAGED;
                String sha = shaByPath.getOrDefault(f.displayPath(), "");
                rows.add(new RescueReport.FileRow(volume, f.displayPath(), f.inode(), f.sizeBytes(), ranges, state, sha));
                damagedPaths.addAll(f.paths());
            }
        }
        if (manifest != null) {
            for (ManifestEntry e : manifest) {
                if (e.kind() == ManifestEntry.Kind.FILE && !damagedPaths.contains("/" + e.path())) {
                    rows.add(new RescueReport.FileRow(volume, "/" + e.path(), 0, e.sizeBytes(), List.of(),
                            RescueReport.FileState.INTACT, e.sha256()));
                }
            }
        }
        return rows;
    }

    /** One row per damaged filesystem structure of {@code impact}, free space included (it costs nothing). */
    public static List<RescueReport.FilesystemDamageRow> filesystemDamage(String volume, FileImpact impact) {
        List<RescueReport.FilesystemDamageRow> rows = new ArrayList<>();
        for (Ext4MetadataDamage d : impact.metadata()) {
            String structure = d.kind().words() + (d.group() >= 0 && d.kind() != MetadataKind.SUPERBLOCK
                    ? " (group " + d.group() + ")" : "");
            rows.add(new RescueReport.FilesystemDamageRow(volume, structure, range(d.volumeRange()), d.detail()));
        }
        return rows;
    }

    private static RescueReport.Range range(ByteRange r) {
        return new RescueReport.Range(r.offsetBytes(), r.lengthBytes());
    }
}
