package io.qrescue.recovery.cli;

import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.DamageReport;
import io.qrescue.recovery.analysis.VolumeHealth;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.files.ByteRange;
import io.qrescue.recovery.files.DamagedFile;
import io.qrescue.recovery.files.E2fsTools;
import io.qrescue.recovery.files.Ext4ImpactAnalyzer;
import io.qrescue.recovery.files.FileImpact;
import io.qrescue.recovery.files.Ext4MetadataDamage;
import io.qrescue.recovery.files.UnreadableFilesystemException;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.volume.ExtractionListener;
import io.qrescue.recovery.volume.ExtractionRequest;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.volume.VolumeExtractor;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.analysis.LuksLayer;
import io.qrescue.recovery.stack.luks.UnsupportedLuksException;
import java.io.IOException;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code qrescue analyze --files}: for each volume with damaged bytes (on unreadable sectors of any image, and on an
 * md array only where no other member gives them back, or of unknown provenance), the ext4 files and structures
 * they hit. Each such volume is extracted to a temporary file (debugfs reads files),
 * which is deleted afterwards.
 */
final class FileDamageText {

    private FileDamageText() {
    }

    static String render(StackAnalysis analysis, DamageReport report) throws IOException {
        return render(analysis, report, Map.of());
    }

    /** With the encrypted volumes opened ({@code luks}): their files are found in the decrypted payload. */
    static String render(StackAnalysis analysis, DamageReport report, Map<String, LuksLayer> luks)
            throws IOException {
        StringBuilder b = new StringBuilder("files:\n");
        Path work = Files.createTempDirectory("qrescue-files-");
        try {
            for (AnalyzedVolume v : analysis.volumes()) {
                Placement p = v.placements().stream().findFirst().orElse(null);
                if (p == null) {
                    continue;
                }
                VolumeHealth health = report.volume(v.name());
                if (health != null && health.mappingUnknownBytes() > 0) {
                    b.append("  ").append(v.name()).append(": ").append(health.mappingUnknownBytes())
                            .append(" bytes have their thin mapping on unreadable metadata: the files there cannot be"
                                    + " located\n");
                    if (health.mappingUnknownBytes() >= v.sizeBytes()) {
                        continue;
                    }
                }
                ImageSource reader = p.open(); // the analysis read rescued images: their damage and the doubts
                LuksLayer layer = luks.get(v.name());
                if (reader.damageIn(0, reader.size()).isEmpty()) {
                    b.append("  ").append(v.name()).append(": no damaged bytes\n");
                    continue;
                }
                if (layer != null && layer.opened() != null) {
                    try {
                        reader = layer.opened().source().over(reader);
                    } catch (UnsupportedLuksException e) {
                        throw new IllegalStateException("opened once, so its cipher is supported", e);
                    }
                } else if (analysis.luks().containsKey(v.name())) {
                    b.append("  ").append(v.name()).append(": encrypted (").append(layer == null ? "locked"
                            : layer.status()).append("): its files can be named once it is opened\n");
                    continue;
                }
                List<Damage> damage = reader.damageIn(0, reader.size());
                if (damage.isEmpty()) {
                    b.append("  ").append(v.name()).append(": no damaged bytes\n");
                    continue;
                }
                b.append(volume(v, reader, damage, work));
            }
        } finally {
            try (var left = Files.list(work)) {
                for (Path f : left.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
        return b.toString();
    }

    private static String volume(AnalyzedVolume v, ImageSource reader, List<Damage> damage, Path work)
            throws IOException {
        Path copy = work.resolve(v.name().replace('/', '-') + ".img");
        MapfileHeader header = new MapfileHeader("qrescue analyze", "qrescue analyze --files",
                MapfileHeader.timestamp(LocalDateTime.now()), null);
        new VolumeExtractor().extract(reader, new ExtractionRequest(copy, work.resolve(copy.getFileName() + ".map"),
                header, true, ExtractionRequest.DEFAULT_CHUNK_BYTES), ExtractionListener.NONE);
        List<ByteRange> ranges = new ArrayList<>();
        List<ByteRange> unknown = new ArrayList<>();
        damage.forEach(d -> ranges.add(new ByteRange(d.offset(), d.length())));
        damage.stream().filter(d -> d.kind() == DamageKind.UNKNOWN).forEach(d -> unknown.add(new ByteRange(d.offset(),
                d.length())));
        StringBuilder b = new StringBuilder();
        FileImpact impact;
        try {
            impact = new Ext4ImpactAnalyzer(new E2fsTools()).analyze(copy, ranges, unknown);
        } catch (UnreadableFilesystemException e) {
            return b.append("  ").append(v.name()).append(": no readable ext4 file system (").append(e.getMessage())
                    .append(")\n").toString();
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(work.resolve(copy.getFileName() + ".map"));
        }
        b.append("  ").append(v.name()).append(": ").append(impact.files().size()).append(" damaged file(s)\n");
        List<DamagedFile> sorted = new ArrayList<>(impact.files());
        sorted.sort(Comparator.comparing(DamagedFile::displayPath));
        for (DamagedFile f : sorted) {
            b.append("    ").append(f.displayPath()).append(" (inode ").append(f.inode()).append(", ")
                    .append(f.sizeBytes()).append(" bytes): ");
            if (f.inodeDamaged() || f.mappingDamaged()) {
                b.append("lost (its ").append(f.inodeDamaged() ? "inode" : "block map").append(" is unreadable)");
            } else {
                List<String> parts = new ArrayList<>();
                for (ByteRange r : f.damagedRanges()) {
                    parts.add("bytes " + r.offsetBytes() + ".." + (r.offsetBytes() + r.lengthBytes()));
                }
                b.append(String.join(", ", parts));
            }
            if (f.provenanceUnknown()) {
                b.append(" (of unknown provenance: the stack's metadata cannot vouch for them)");
            }
            b.append('\n');
        }
        for (Ext4MetadataDamage m : impact.metadata()) {
            b.append("    file system: ").append(m.kind().words()).append(": ").append(m.detail()).append('\n');
        }
        return b.toString();
    }
}
