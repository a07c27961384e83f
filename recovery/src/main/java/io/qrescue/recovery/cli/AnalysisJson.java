package io.qrescue.recovery.cli;

import io.qrescue.recovery.json.JsonText;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.DamageReport;
import io.qrescue.recovery.analysis.DamagedRegion;
import io.qrescue.recovery.analysis.Impact;
import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.analysis.VolumeHealth;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.DiskNode;
import io.qrescue.recovery.stack.LvNode;
import io.qrescue.recovery.stack.PartitionNode;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.VgNode;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.md.MdMember;
import io.qrescue.recovery.stack.thin.SalvagedDevice;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import io.qrescue.recovery.analysis.LuksLayer;
import io.qrescue.recovery.stack.luks.LuksHeader;
import io.qrescue.recovery.stack.luks.LuksProbe;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** Renders an analysis (and its damage report) as one JSON document with stable field names. */
final class AnalysisJson {

    private final StringBuilder b = new StringBuilder();

    private AnalysisJson() {
    }

    static String render(StackAnalysis a, DamageReport report) {
        return render(a, report, Map.of());
    }

    /** With how each encrypted volume opened ({@code luks} by volume name). */
    static String render(StackAnalysis a, DamageReport report, Map<String, LuksLayer> luks) {
        AnalysisJson j = new AnalysisJson();
        j.luks = luks;
        j.document(a, report);
        return j.b.append('\n').toString();
    }

    private Map<String, LuksLayer> luks = Map.of();

    private void document(StackAnalysis a, DamageReport report) {
        b.append("{\"disks\":");
        list(a.stack().disks(), (d, x) -> disk(d));
        b.append(",\"arrays\":");
        list(a.stack().arrays(), (n, x) -> array(n));
        b.append(",\"volumeGroups\":");
        list(a.stack().volumeGroups(), (vg, x) -> vg(a, vg));
        b.append(",\"volumes\":");
        list(a.volumes(), (v, x) -> volume(a, v, a.luks().get(v.name())));
        b.append(",\"findings\":");
        list(a.findings(), (f, x) -> finding(f));
        if (report != null) {
            b.append(",\"damage\":{\"regions\":");
            list(report.regions(), (r, x) -> region(r));
            b.append(",\"volumes\":");
            list(report.volumes(), (h, x) -> health(h));
            b.append('}');
        }
        b.append('}');
    }

    private void disk(DiskNode d) {
        b.append("{\"index\":").append(d.index()).append(",\"name\":");
        JsonText.quote(b, d.name());
        b.append(",\"sizeBytes\":").append(d.sizeBytes()).append(",\"scheme\":\"").append(d.table().scheme())
                .append("\",\"usedBackupGpt\":").append(d.table().usedBackupGpt()).append(",\"partitions\":");
        list(d.partitions(), (p, x) -> partition(p));
        b.append('}');
    }

    private void partition(PartitionNode p) {
        b.append("{\"label\":");
        JsonText.quote(b, p.label());
        b.append(",\"number\":").append(p.partition() == null ? 0 : p.partition().number())
                .append(",\"startBytes\":").append(p.startBytes()).append(",\"sizeBytes\":").append(p.sizeBytes())
                .append(",\"content\":\"").append(p.mdArrayUuid() != null ? "md" : p.pvLabel() != null ? "lvm-pv" : "none")
                .append("\"}");
    }

    private void array(ArrayNode n) {
        b.append("{\"name\":");
        JsonText.quote(b, n.array().displayName());
        b.append(",\"uuid\":");
        JsonText.quote(b, n.array().uuid());
        b.append(",\"level\":").append(n.array().level()).append(",\"raidDisks\":").append(n.array().raidDisks())
                .append(",\"sizeBytes\":").append(n.array().sizeBytes()).append(",\"drbd\":")
                .append(n.drbd().metadata() != null).append(",\"pv\":");
        if (n.pv() == null || n.pv().uuid() == null) {
            b.append("null");
        } else {
            JsonText.quote(b, n.pv().scan().label().pvUuidDisplay());
        }
        b.append(",\"members\":");
        list(n.array().members(), (m, x) -> member(n, m));
        b.append('}');
    }

    private void member(ArrayNode n, MdMember m) {
        b.append("{\"label\":");
        JsonText.quote(b, m.label());
        b.append(",\"image\":").append(m.imageIndex()).append(",\"startBytes\":").append(m.startBytes())
                .append(",\"version\":\"").append(m.superblock().version().text()).append("\",\"superblockOffsetBytes\":")
                .append(m.startBytes() + m.superblock().offsetBytes()).append(",\"dataOffsetSectors\":")
                .append(m.superblock().dataOffsetSectors()).append(",\"usedDevSizeSectors\":")
                .append(m.superblock().sizeSectors()).append(",\"role\":").append(m.superblock().role())
                .append(",\"events\":").append(m.superblock().events()).append(",\"inSync\":").append(m.inSync())
                .append(",\"arrayRole\":").append(m.role()).append(",\"use\":\"")
                .append(m.use().name().toLowerCase(java.util.Locale.ROOT)).append("\",\"state\":");
        JsonText.quote(b, m.state());
        b.append('}');
    }

    private void vg(StackAnalysis a, VgNode vg) {
        b.append("{\"name\":");
        JsonText.quote(b, vg.name());
        b.append(",\"seqno\":").append(vg.vg() == null ? -1 : vg.vg().seqno()).append(",\"extentSizeBytes\":")
                .append(vg.vg() == null ? 0 : vg.vg().extentSizeBytes()).append(",\"metadataCopies\":")
                .append(vg.copies().size()).append(",\"lvs\":");
        list(vg.lvs(), (lv, x) -> lv(lv));
        b.append(",\"pools\":");
        list(a.pools().stream().filter(p -> p.vgName().equals(vg.name())).toList(), (p, x) -> pool(p));
        b.append('}');
    }

    private void lv(LvNode lv) {
        b.append("{\"name\":");
        JsonText.quote(b, lv.name());
        b.append(",\"type\":");
        JsonText.quote(b, lv.lv().firstSegment() == null ? "" : lv.lv().firstSegment().typeText());
        b.append(",\"sizeBytes\":").append(lv.sizeBytes()).append(",\"visible\":").append(lv.lv().visible())
                .append(",\"placements\":");
        list(lv.placements(), (p, x) -> placement(p));
        b.append('}');
    }

    private void pool(PoolAnalysis p) {
        b.append("{\"name\":");
        JsonText.quote(b, p.name());
        b.append(",\"tiered\":").append(p.node().tiered()).append(",\"chunkSizeBytes\":")
                .append(p.node().chunkSizeBytes());
        ThinMetadata md = p.metadata();
        boolean ok = md != null && md.hasSuperblock();
        b.append(",\"metadataReadable\":").append(ok);
        b.append(",\"salvage\":");
        if (p.salvage() == null) {
            b.append("null");
        } else {
            b.append("{\"superblock\":");
            JsonText.quote(b, p.salvage().superblockSource());
            b.append(",\"metadataBlockSizeBytes\":").append(p.salvage().blockSizeBytes()).append(",\"notes\":");
            list(p.salvage().notes(), (n, x) -> JsonText.quote(b, n));
            b.append('}');
        }
        if (ok) {
            b.append(",\"metadataFormat\":\"").append(md.superblock().isQnap() ? "qnap" : "upstream")
                    .append("\",\"metadataBlockSizeBytes\":").append(md.blockSizeBytes())
                    .append(",\"transactionId\":").append(md.superblock().transactionId())
                    .append(",\"dataBlockSizeBytes\":").append(md.dataBlockSizeBytes())
                    .append(",\"dataBlocks\":").append(md.superblock().dataSpaceMap().nrBlocks())
                    .append(",\"usedDataBytes\":").append(p.dataUse().usedBytes())
                    .append(",\"liveMetadataBlocks\":").append(md.liveBlocks().liveBlockCount())
                    .append(",\"backups\":").append(md.backups().size()).append(",\"superblockFrom\":");
            JsonText.quote(b, md.superblockSource());
            b.append(",\"devices\":");
            list(List.copyOf(md.deviceRoots().keySet()), (dev, x) -> {
                b.append("{\"id\":").append(dev).append(",\"volume\":");
                JsonText.quote(b, p.volumeName(dev));
                b.append(",\"mappedBlocks\":").append(md.runs(dev).mappedBlocks()).append('}');
            });
        }
        b.append('}');
    }

    private void volume(StackAnalysis a, AnalyzedVolume v, LuksProbe probe) {
        b.append("{\"name\":");
        JsonText.quote(b, v.name());
        b.append(",\"kind\":\"").append(v.kind()).append("\",\"origin\":");
        if (v.origin() == null) {
            b.append("null");
        } else {
            JsonText.quote(b, v.vgName() + "/" + v.origin());
        }
        b.append(",\"deviceId\":").append(v.deviceId()).append(",\"pool\":");
        if (v.pool() == null) {
            b.append("null");
        } else {
            JsonText.quote(b, v.pool());
        }
        b.append(",\"sizeBytes\":").append(v.sizeBytes()).append(",\"mappedBytes\":").append(v.mappedBytes())
                .append(",\"unknownBytes\":").append(Damage.totalBytes(v.doubts())).append(",\"problem\":");
        if (v.problem() == null) {
            b.append("null");
        } else {
            JsonText.quote(b, v.problem());
        }
        b.append(",\"placements\":");
        list(v.placements(), (p, x) -> placement(p));
        b.append(",\"salvaged\":");
        SalvagedDevice d = a.salvaged(v);
        if (d == null) {
            b.append("null");
        } else {
            b.append("{\"summary\":");
            JsonText.quote(b, d.summary());
            b.append(",\"confidence\":\"").append(d.confidence().label()).append("\",\"sources\":");
            list(d.sources(), (s, x) -> JsonText.quote(b, s));
            b.append(",\"unknown\":");
            list(v.doubts(), (u, x) -> {
                b.append("{\"offsetBytes\":").append(u.offset()).append(",\"lengthBytes\":").append(u.length())
                        .append(",\"cause\":");
                JsonText.quote(b, u.cause());
                b.append('}');
            });
            b.append('}');
        }
        b.append(",\"luks\":");
        luks(probe, luks.get(v.name()));
        b.append('}');
    }

    /** A volume's LUKS layer: null when it is not encrypted. */
    private void luks(LuksProbe probe, LuksLayer layer) {
        if (probe == null) {
            b.append("null");
            return;
        }
        LuksHeader h = probe.header();
        b.append("{\"problem\":");
        quoteOrNull(probe.problem());
        if (h != null) {
            b.append(",\"version\":").append(h.version()).append(",\"cipher\":");
            JsonText.quote(b, h.cipher());
            b.append(",\"keyBits\":").append(h.keyBytes() * 8).append(",\"payloadOffsetBytes\":")
                    .append(h.payloadOffsetBytes()).append(",\"sectorBytes\":").append(h.sectorBytes())
                    .append(",\"keySlots\":");
            list(h.activeSlots(), (s, x) -> {
                b.append("{\"slot\":").append(s.index()).append(",\"kdf\":");
                JsonText.quote(b, s.kdf().describe());
                b.append(",\"problem\":");
                quoteOrNull(s.problem());
                b.append('}');
            });
        }
        b.append(",\"openedSlot\":").append(layer != null && layer.opened() != null ? layer.opened().keySlot() : -1)
                .append(",\"status\":");
        quoteOrNull(layer == null ? null : layer.status());
        b.append('}');
    }

    private void quoteOrNull(String s) {
        if (s == null) {
            b.append("null");
        } else {
            JsonText.quote(b, s);
        }
    }

    /**
     * A placement: image index (-1 on an md array) and the image's or array's name, and its extents as [logical,
     * length, physical] (physical -1: hole; physical offsets on the image or array).
     */
    private void placement(Placement p) {
        b.append("{\"image\":").append(p.imageIndex()).append(",\"on\":");
        JsonText.quote(b, p.imageName());
        b.append(",\"extents\":[");
        boolean first = true;
        for (Extent e : p.toImage().extents()) {
            b.append(first ? "" : ",").append('[').append(e.logicalStart()).append(',').append(e.length()).append(',')
                    .append(e.physicalStart()).append(']');
            first = false;
        }
        b.append("]}");
    }

    private void finding(Finding f) {
        b.append("{\"severity\":\"").append(f.severity()).append("\",\"structure\":");
        JsonText.quote(b, f.structure());
        b.append(",\"offsetBytes\":").append(f.offsetBytes()).append(",\"message\":");
        JsonText.quote(b, f.message());
        b.append('}');
    }

    private void region(DamagedRegion r) {
        b.append("{\"image\":").append(r.imageIndex()).append(",\"offsetBytes\":").append(r.offsetBytes())
                .append(",\"lengthBytes\":").append(r.lengthBytes()).append(",\"status\":\"").append(r.status().symbol())
                .append("\",\"impacts\":");
        list(r.impacts(), (i, x) -> impact(i));
        b.append('}');
    }

    private void impact(Impact i) {
        b.append("{\"offsetBytes\":").append(i.offsetBytes()).append(",\"lengthBytes\":").append(i.lengthBytes())
                .append(",\"kind\":\"").append(i.kind()).append("\",\"structure\":");
        JsonText.quote(b, i.structure());
        b.append(",\"volume\":");
        if (i.volume() == null) {
            b.append("null");
        } else {
            JsonText.quote(b, i.volume());
        }
        b.append(",\"volumeOffsetBytes\":").append(i.volumeOffsetBytes()).append(",\"volumeLengthBytes\":")
                .append(i.volumeLengthBytes()).append(",\"lost\":").append(i.lost()).append(",\"cost\":");
        JsonText.quote(b, i.cost());
        b.append('}');
    }

    private void health(VolumeHealth h) {
        b.append("{\"volume\":");
        JsonText.quote(b, h.volume());
        b.append(",\"sizeBytes\":").append(h.sizeBytes()).append(",\"mappedBytes\":").append(h.mappedBytes())
                .append(",\"readableBytes\":").append(h.readableBytes()).append(",\"readableMappedBytes\":")
                .append(h.readableMappedBytes()).append(",\"dataLostBytes\":").append(h.dataLostBytes())
                .append(",\"metadataLostBytes\":").append(h.metadataLostBytes())
                .append(",\"mappingUnknownBytes\":").append(h.mappingUnknownBytes()).append(",\"readableFraction\":")
                .append(String.format(Locale.ROOT, "%.6f", h.readableFraction())).append('}');
    }

    private <T> void list(List<T> items, BiConsumer<T, Integer> each) {
        b.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            each.accept(items.get(i), i);
        }
        b.append(']');
    }
}
