package io.qrescue.recovery.pipeline;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.DamageReport;
import io.qrescue.recovery.analysis.DamagedRegion;
import io.qrescue.recovery.analysis.Impact;
import io.qrescue.recovery.analysis.MetadataDomain;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.analysis.VolumeHealth;
import io.qrescue.recovery.stack.thin.SalvagedDevice;
import io.qrescue.recovery.files.FileImpact;
import io.qrescue.recovery.files.ManifestEntry;
import io.qrescue.recovery.report.ReportRows;
import io.qrescue.recovery.report.RescueReport;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.DiskNode;
import io.qrescue.recovery.stack.LvNode;
import io.qrescue.recovery.stack.PartitionNode;
import io.qrescue.recovery.stack.VgNode;
import io.qrescue.recovery.stack.finding.Finding;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Gathers a job's analysis, damage and per-volume results into the report's model. */
final class ReportAssembler {

    /** The files side of one ext4 volume. */
    record Files(FileImpact impact, List<ManifestEntry> manifest) {
    }

    private final List<String> imageNames;
    private final List<Mapfile> mapfiles;
    private final StackAnalysis analysis;
    private final DamageReport damage;
    private final List<RescueReport.VolumeSummary> volumes = new ArrayList<>();
    private final List<RescueReport.FilesystemDamageRow> filesystemDamage = new ArrayList<>();
    private final List<RescueReport.FileRow> files = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<RescueReport.Imaging> imaging = new ArrayList<>();
    private final List<RescueReport.VolumeProgress> progress = new ArrayList<>();

    /** The report of images {@code imageNames} (source order) with their maps {@code mapfiles}. */
    ReportAssembler(List<String> imageNames, List<Mapfile> mapfiles, StackAnalysis analysis, DamageReport damage) {
        if (imageNames.size() != mapfiles.size() || imageNames.isEmpty()) {
            throw new IllegalArgumentException(imageNames.size() + " images but " + mapfiles.size() + " mapfiles");
        }
        this.imageNames = List.copyOf(imageNames);
        this.mapfiles = List.copyOf(mapfiles);
        this.analysis = analysis;
        this.damage = damage;
    }

    /**
     * Adds the row of a volume whose files the recovery VM copied ({@code sizeBytes} 0 when the Java readers do
     * not know it) and its note.
     */
    void vmVolume(String name, String filesystem, long sizeBytes, String note) {
        volumes.add(new RescueReport.VolumeSummary(name, filesystem, sizeBytes, 0, note));
        notes.add(name + ": " + note);
    }

    /** Adds a sentence to the notes at the top. */
    void note(String note) {
        notes.add(note);
    }

    /** Adds a volume's row; {@code files} null when it was not read as ext4, {@code note} empty when all went well. */
    void volume(AnalyzedVolume v, Files filesOfVolume, String givenNote) {
        SalvagedDevice salvaged = analysis.salvaged(v);
        String note = salvaged == null ? givenNote : "thin mapping " + salvaged.summary()
                + (givenNote.isEmpty() ? "" : "; " + givenNote);
        VolumeHealth health = damage.volume(v.name());
        long readable = health == null ? 0 : health.readableBytes();
        volumes.add(new RescueReport.VolumeSummary(v.name(), filesOfVolume == null ? "" : "ext4", v.sizeBytes(),
                readable, note));
        if (filesOfVolume != null) {
            files.addAll(ReportRows.files(v.name(), filesOfVolume.impact(), filesOfVolume.manifest()));
            filesystemDamage.addAll(ReportRows.filesystemDamage(v.name(), filesOfVolume.impact()));
        }
        if (!note.isEmpty()) {
            notes.add(v.name() + ": " + note);
        }
    }

    /** What imaging each disk cost (in disk order), shown per disk. */
    void imaging(List<RescueReport.Imaging> perDisk) {
        imaging.clear();
        imaging.addAll(perDisk);
    }

    /** Files complete and file data left per volume. */
    void progress(List<RescueReport.VolumeProgress> perVolume) {
        progress.clear();
        progress.addAll(perVolume);
    }

    RescueReport build() {
        List<RescueReport.DiskView> disks = new ArrayList<>();
        long totalSize = 0;
        long totalFinished = 0;
        for (int i = 0; i < mapfiles.size(); i++) {
            Mapfile mapfile = mapfiles.get(i);
            long size = mapfile.blocks().isEmpty() ? 0 : mapfile.blocks().extent().end();
            long finished = 0;
            for (StatusBlock b : mapfile.blocks()) {
                if (b.status() == BlockStatus.FINISHED) {
                    finished += b.size();
                }
            }
            totalSize += size;
            totalFinished += finished;
            disks.add(new RescueReport.DiskView(new RescueReport.ImageSummary(imageNames.get(i), size, finished),
                    new RescueReport.MapView(mapfile, metadataRanges(i)), i < imaging.size() ? imaging.get(i) : null));
        }
        for (Finding f : analysis.findings()) {
            if (f.severity() != io.qrescue.recovery.stack.finding.Severity.INFO) {
                notes.add(f.structure() + " at byte " + f.offsetBytes() + ": " + f.message());
            }
        }
        String names = String.join(", ", imageNames);
        RescueReport.ImageSummary all = disks.size() == 1 ? disks.get(0).image()
                : new RescueReport.ImageSummary(names, totalSize, totalFinished);
        return new RescueReport("qrescue: rescue of " + names,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), all, disks.get(0).map(), stackTree(all),
                damageRows(), volumes, filesystemDamage, files, notes, disks, progress);
    }

    /** The metadata domain's finished blocks: the merged metadata regions of image {@code imageIndex}. */
    private List<RescueReport.Range> metadataRanges(int imageIndex) {
        List<RescueReport.Range> out = new ArrayList<>();
        if (analysis.stack().disks().isEmpty()) {
            return out;
        }
        for (StatusBlock b : MetadataDomain.of(analysis, imageIndex)) {
            if (b.status() == BlockStatus.FINISHED && b.size() > 0) {
                out.add(new RescueReport.Range(b.pos(), b.size()));
            }
        }
        return out;
    }

    private List<RescueReport.DamageRow> damageRows() {
        List<RescueReport.DamageRow> rows = new ArrayList<>();
        for (DamagedRegion r : damage.regions()) {
            List<String> touches = new ArrayList<>();
            List<String> costs = new ArrayList<>();
            for (Impact i : r.impacts()) {
                touches.add(i.structure());
                if (i.cost() != null && !i.cost().isEmpty()) {
                    costs.add(i.cost());
                }
            }
            // with several disks the region's disk leads what it touches (the offsets are that disk's bytes)
            String on = imageNames.size() > 1 ? "on " + r.imageName() + ": " : "";
            rows.add(new RescueReport.DamageRow(new RescueReport.Range(r.offsetBytes(), r.lengthBytes()),
                    words(r.status()), on + (touches.isEmpty() ? "nothing known" : String.join("; ", touches)),
                    costs.isEmpty() ? (r.costsSomething() ? "data lost" : "nothing") : String.join("; ", costs)));
        }
        return rows;
    }

    private static String words(BlockStatus s) {
        return switch (s) {
            case NON_TRIED -> "non-tried";
            case NON_TRIMMED -> "non-trimmed";
            case NON_SCRAPED -> "non-scraped";
            case BAD_SECTOR -> "bad sector";
            case FINISHED -> "finished";
        };
    }

    /** disk -> partitions; arrays -> VGs -> LVs (the report shows a tree; the text analysis has every detail). */
    private RescueReport.StackNode stackTree(RescueReport.ImageSummary all) {
        List<RescueReport.StackNode> top = new ArrayList<>();
        for (DiskNode d : analysis.stack().disks()) {
            List<RescueReport.StackNode> parts = new ArrayList<>();
            for (PartitionNode p : d.partitions()) {
                String detail = p.mdArrayUuid() != null ? "md member" : p.pvLabel() != null ? "LVM PV" : "";
                parts.add(new RescueReport.StackNode(p.label(), "partition", p.sizeBytes(), detail, List.of()));
            }
            top.add(new RescueReport.StackNode(d.name(), "disk image (" + d.table().scheme() + ")", d.sizeBytes(), "",
                    parts));
        }
        for (ArrayNode a : analysis.stack().arrays()) {
            top.add(new RescueReport.StackNode(a.array().displayName(), "RAID" + a.array().level(),
                    a.array().sizeBytes(), a.array().members().size() + " of " + a.array().raidDisks() + " members found",
                    List.of()));
        }
        for (VgNode vg : analysis.stack().volumeGroups()) {
            List<RescueReport.StackNode> lvs = new ArrayList<>();
            for (AnalyzedVolume v : analysis.volumes()) {
                if (vg.name().equals(v.vgName())) {
                    String detail = v.isThin() ? v.mappedBytes() + " bytes mapped in pool " + v.pool()
                            + (v.origin() != null ? ", snapshot of " + v.origin() : "") : "";
                    lvs.add(new RescueReport.StackNode(v.name(), v.kind() + " volume", v.sizeBytes(), detail, List.of()));
                }
            }
            for (LvNode lv : vg.lvs()) {
                if (lvs.stream().noneMatch(n -> n.label().equals(vg.name() + "/" + lv.lv().name()))) {
                    lvs.add(new RescueReport.StackNode(vg.name() + "/" + lv.lv().name(), "logical volume",
                            lv.sizeBytes(), "", List.of()));
                }
            }
            top.add(new RescueReport.StackNode(vg.name(), "LVM volume group", 0, "", lvs)); // size: not in the model
        }
        return new RescueReport.StackNode(all.name(), imageNames.size() == 1 ? "rescued image"
                : imageNames.size() + " rescued images", all.sizeBytes(), "", top);
    }
}
