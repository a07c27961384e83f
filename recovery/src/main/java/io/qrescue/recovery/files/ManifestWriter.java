package io.qrescue.recovery.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes the manifests of a finished copy: text, SHA256SUMS, damaged list, then JSON (the "done" mark). */
final class ManifestWriter {

    private ManifestWriter() {
    }

    static void write(FileCopyResult r, Path volumeImage, FileImpact impact) throws IOException {
        writeLists(r.entries(), r.manifestText(), r.sha256Sums());
        TextFiles.writeAtomically(r.damagedList(), damagedText(impact));
        TextFiles.writeAtomically(r.manifestJson(), json(r, volumeImage, impact));
    }

    /** The regular files of {@code entries} as "SHA256  SIZE  PATH" lines and as sha256sum's lines. */
    static void writeLists(List<ManifestEntry> entries, Path manifestText, Path sha256Sums) throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder sums = new StringBuilder();
        for (ManifestEntry e : entries) {
            if (e.kind() != ManifestEntry.Kind.FILE) {
                continue;
            }
            String prefix = TextFiles.needsEscape(e.path()) ? "\\" : "";
            String path = TextFiles.escapePath(e.path());
            text.append(prefix).append(e.sha256()).append("  ").append(e.sizeBytes()).append("  ").append(path)
                    .append('\n');
            sums.append(prefix).append(e.sha256()).append("  ").append(path).append('\n');
        }
        TextFiles.writeAtomically(manifestText, text);
        TextFiles.writeAtomically(sha256Sums, sums);
    }

    /**
     * One line per damaged file: path, then its damaged byte ranges within the file (or why it is lost), after
     * "unknown: " when some of that damage is of unknown provenance rather than unreadable.
     */
    static String damagedText(FileImpact impact) {
        StringBuilder b = new StringBuilder();
        if (impact == null) {
            return "# not analysed: no damage information was given\n";
        }
        for (DamagedFile f : impact.files()) {
            String path = f.displayPath();
            b.append(TextFiles.needsEscape(path) ? "\\" : "").append(TextFiles.escapePath(path)).append('\t');
            if (f.provenanceUnknown()) {
                b.append("unknown: ");
            }
            if (f.inodeDamaged()) {
                b.append("inode lost");
            } else {
                for (int i = 0; i < f.damagedRanges().size(); i++) {
                    ByteRange x = f.damagedRanges().get(i);
                    b.append(i == 0 ? "" : ",").append(x.offsetBytes()).append('-').append(x.endBytes() - 1);
                }
                if (f.mappingDamaged()) {
                    b.append(f.damagedRanges().isEmpty() ? "" : ",").append("block map damaged");
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String json(FileCopyResult r, Path volumeImage, FileImpact impact) {
        StringBuilder b = new StringBuilder("{\n  \"volume\": ");
        TextFiles.jsonString(b, volumeImage.toString()).append(",\n  \"filesDir\": ");
        TextFiles.jsonString(b, r.filesDir().getFileName().toString()).append(",\n  \"fileCount\": ")
                .append(r.fileCount()).append(",\n  \"totalBytes\": ").append(r.totalBytes())
                .append(",\n  \"analysed\": ").append(impact != null).append(",\n  \"entries\": [");
        for (int i = 0; i < r.entries().size(); i++) {
            ManifestEntry e = r.entries().get(i);
            b.append(i == 0 ? "\n    {" : ",\n    {").append("\"path\": ");
            TextFiles.jsonString(b, e.path()).append(", \"kind\": \"").append(e.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append('"');
            if (e.kind() == ManifestEntry.Kind.FILE) {
                b.append(", \"sizeBytes\": ").append(e.sizeBytes()).append(", \"sha256\": \"").append(e.sha256())
                        .append('"');
            }
            if (e.kind() == ManifestEntry.Kind.SYMLINK) {
                TextFiles.jsonString(b.append(", \"target\": "), e.linkTarget());
            }
            if (e.damage() != null) {
                b.append(", \"damaged\": true");
            }
            b.append('}');
        }
        b.append("\n  ],\n  \"damagedFiles\": [");
        if (impact != null) {
            for (int i = 0; i < impact.files().size(); i++) {
                DamagedFile f = impact.files().get(i);
                b.append(i == 0 ? "\n    {" : ",\n    {").append("\"inode\": ").append(f.inode()).append(", \"paths\": [");
                for (int j = 0; j < f.paths().size(); j++) {
                    TextFiles.jsonString(b.append(j == 0 ? "" : ", "), f.paths().get(j));
                }
                b.append("], \"sizeBytes\": ").append(f.sizeBytes()).append(", \"inodeDamaged\": ")
                        .append(f.inodeDamaged()).append(", \"mappingDamaged\": ").append(f.mappingDamaged())
                        .append(", \"provenanceUnknown\": ").append(f.provenanceUnknown())
                        .append(", \"damagedRanges\": [");
                for (int j = 0; j < f.damagedRanges().size(); j++) {
                    ByteRange x = f.damagedRanges().get(j);
                    b.append(j == 0 ? "" : ", ").append("{\"offsetBytes\": ").append(x.offsetBytes())
                            .append(", \"lengthBytes\": ").append(x.lengthBytes()).append('}');
                }
                b.append("]}");
            }
        }
        return b.append("\n  ]\n}\n").toString();
    }
}
