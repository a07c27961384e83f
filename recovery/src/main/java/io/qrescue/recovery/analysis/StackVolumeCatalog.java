package io.qrescue.recovery.analysis;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.volume.VolumeLocation;
import java.util.ArrayList;
import java.util.List;

/** The volumes of one image found by {@link StackAnalysis}: every placed linear, thin, thick and snapshot LV. */
public final class StackVolumeCatalog implements VolumeCatalog {

    private final List<VolumeLocation> volumes;

    private StackVolumeCatalog(List<VolumeLocation> volumes) {
        this.volumes = List.copyOf(volumes);
    }

    /** The catalog of image 0 of {@code analysis} (volumes placed on other images are left out). */
    public static StackVolumeCatalog of(StackAnalysis analysis) {
        List<VolumeLocation> out = new ArrayList<>();
        for (AnalyzedVolume v : analysis.volumes()) {
            v.placements().stream().filter(p -> p.imageIndex() == 0).findFirst().ifPresent(p ->
                    out.add(new VolumeLocation(v.name(), v.sizeBytes(), p.toImage(), v.kind())));
        }
        return new StackVolumeCatalog(out);
    }

    /** The factory {@code extract} and {@code serve} use: analyses the image, fails when it holds no volume. */
    public static VolumeCatalogFactory factory() {
        return (ImageSource image, io.qrescue.recovery.source.Readability readability) -> {
            StackAnalysis analysis = StackAnalysis.analyze(List.of(new NamedImage("image", image)));
            StackVolumeCatalog catalog = of(analysis);
            if (catalog.volumes.isEmpty()) {
                String why = analysis.foundNothing() ? "no partition table, md array or LVM PV found"
                        : "no LVM volume could be placed on the image" + firstError(analysis);
                throw new VolumeCatalogException(why + "; give a volume's place in the image with --offset and --length",
                        true);
            }
            return catalog;
        };
    }

    private static String firstError(StackAnalysis analysis) {
        return analysis.findings().stream().filter(f -> f.severity() == io.qrescue.recovery.stack.finding.Severity.ERROR).findFirst()
                .map(f -> " (" + f + ")").orElse("");
    }

    @Override
    public List<VolumeLocation> volumes() {
        return volumes;
    }
}
