package io.qrescue.recovery.pipeline;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.MetadataDomain;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.files.Ext4Allocation;
import io.qrescue.recovery.files.Ext4AllocationReader;
import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.source.RescuedImage;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack as the images imaged so far show it (each image read through its map, so bytes not imaged yet are never
 * parsed), with every placed volume's ext4 allocation: where on each disk the filesystems' metadata, the files' data
 * and the volumes' mapped bytes lie, as ddrescue domains of the imaging rounds, and how many files are complete.
 */
final class StackView implements AutoCloseable {

    /** A placed volume and its ext4 allocation (null: no ext4 found, or not readable: its files are unknown). */
    record VolumeFiles(AnalyzedVolume volume, Placement placement, ImageSource source, Ext4Allocation allocation) {
    }

    private final List<ImageSource> opened;
    private final StackAnalysis analysis;
    private final List<VolumeFiles> volumes;

    private StackView(List<ImageSource> opened, StackAnalysis analysis, List<VolumeFiles> volumes) {
        this.opened = opened;
        this.analysis = analysis;
        this.volumes = volumes;
    }

    /** Opens every disk's image (empty when none yet) through its current map, and reads the stack over them. */
    static StackView of(List<RescuePipeline.Disk> disks, List<BlockMap> maps) throws IOException {
        List<ImageSource> opened = new ArrayList<>();
        try {
            List<NamedImage> named = new ArrayList<>();
            for (RescuePipeline.Disk d : disks) {
                ImageSource raw = Files.exists(d.image()) ? FileImageSource.open(d.image())
                        : new ByteArraySource(new byte[0]);
                opened.add(raw);
                named.add(new NamedImage(d.name(), RescuedImage.of(d.name(), raw,
                        Readability.of(maps.get(d.index())))));
            }
            StackAnalysis analysis = StackAnalysis.analyze(named);
            List<VolumeFiles> volumes = new ArrayList<>();
            for (AnalyzedVolume v : analysis.volumes()) {
                if (v.placements().isEmpty()) {
                    continue;
                }
                Placement p = v.placements().get(0);
                ImageSource source = p.open();
                Ext4Allocation allocation;
                try {
                    allocation = Ext4AllocationReader.read(source);
                } catch (IOException | RuntimeException e) {
                    allocation = null; // unparsable: the volume's files are unknown, its bytes are imaged whole
                }
                volumes.add(new VolumeFiles(v, p, source, allocation));
            }
            return new StackView(opened, analysis, volumes);
        } catch (IOException | RuntimeException e) {
            for (ImageSource s : opened) {
                s.close();
            }
            throw e;
        }
    }

    StackAnalysis analysis() {
        return analysis;
    }

    List<VolumeFiles> volumes() {
        return volumes;
    }

    /** Disk {@code index}'s bytes of every filesystem's metadata (found so far, readable or still pending). */
    List<Block> filesystemMetadata(int index) {
        List<Block> out = new ArrayList<>();
        for (VolumeFiles v : volumes) {
            if (v.allocation() != null) {
                addSpans(out, v.placement(), v.allocation().metadata(), index);
            }
        }
        return out;
    }

    /** Disk {@code index}'s domain of the files round: the data of every file of every volume. */
    BlockMap files(int index, long sizeBytes) {
        List<Block> out = new ArrayList<>();
        for (VolumeFiles v : volumes) {
            if (v.allocation() != null) {
                for (Ext4Allocation.Ext4File f : v.allocation().files()) {
                    addSpans(out, v.placement(), f.data(), index);
                }
            }
        }
        return MetadataDomain.covering(out, sizeBytes);
    }

    /**
     * Disk {@code index}'s domain of the volumes round: every mapped byte of the volumes whose files are all known
     * ({@code known}: free filesystem space, deleted files' data) or of the others (files unknown, imaged with the
     * file data's retries).
     */
    BlockMap volumes(int index, long sizeBytes, boolean known) {
        List<Block> out = new ArrayList<>();
        for (VolumeFiles v : volumes) {
            boolean isKnown = v.allocation() != null && v.allocation().complete();
            if (isKnown == known) {
                addSpans(out, v.placement(), List.of(new Block(0, v.volume().sizeBytes())), index);
            }
        }
        return MetadataDomain.covering(out, sizeBytes);
    }

    /** Files complete, total and file data left of every volume with a readable ext4. */
    List<FileProgress> progress() {
        List<FileProgress> out = new ArrayList<>();
        for (VolumeFiles v : volumes) {
            if (v.allocation() == null) {
                continue;
            }
            List<FileProgress.File> complete = new ArrayList<>();
            long left = 0;
            int total = 0;
            for (Ext4Allocation.Ext4File f : v.allocation().files()) {
                total++;
                long missing = 0;
                for (Block b : f.data()) {
                    for (Damage d : v.source().damageIn(b.pos(), b.size())) {
                        missing += d.length();
                    }
                }
                left += missing;
                if (missing == 0 && f.mapKnown()) {
                    complete.add(new FileProgress.File(f.name(), f.sizeBytes()));
                }
            }
            out.add(new FileProgress(v.volume().name(), total, complete, left,
                    v.allocation().unknownInodes(), v.allocation().complete()));
        }
        return out;
    }

    private static void addSpans(List<Block> out, Placement p, List<Block> volumeRanges, int index) {
        for (Block r : volumeRanges) {
            for (Placement.ImageSpan s : p.imageSpans(r.pos(), r.size())) {
                if (s.imageIndex() == index) {
                    out.add(new Block(s.offsetBytes(), s.lengthBytes()));
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (ImageSource s : opened) {
            s.close();
        }
    }
}
