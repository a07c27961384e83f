package io.qrescue.recovery.analysis;

import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.volume.VolumeLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The volumes found by {@link StackAnalysis} on a set of images: every placed linear, thin, thick and snapshot LV,
 * each read through its placement (an md array reads every byte from whichever member holds or rebuilds it).
 */
public final class StackVolumeCatalog implements VolumeCatalog {

    private final List<VolumeLocation> volumes;
    private final List<String> problems;

    private StackVolumeCatalog(List<VolumeLocation> volumes, List<String> problems) {
        this.volumes = List.copyOf(volumes);
        this.problems = List.copyOf(problems);
    }

    /** The catalog of {@code analysis}: each placed volume through its preferred placement. */
    public static StackVolumeCatalog of(StackAnalysis analysis) {
        List<VolumeLocation> out = new ArrayList<>();
        for (AnalyzedVolume v : analysis.volumes()) {
            v.placements().stream().findFirst().ifPresent(p ->
                    out.add(new VolumeLocation(v.name(), v.kind(), p.open())));
        }
        List<String> problems = analysis.findings().stream().filter(f -> f.severity() == Severity.ERROR)
                .map(f -> f.structure() + ": " + f.message()).toList();
        return new StackVolumeCatalog(out, problems);
    }

    /** The factory {@code extract} and {@code serve} use: analyses the image, fails when it holds no volume. */
    public static VolumeCatalogFactory factory() {
        return (List<NamedImage> images) -> {
            StackAnalysis analysis = StackAnalysis.analyze(images);
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
        return analysis.findings().stream().filter(f -> f.severity() == Severity.ERROR).findFirst()
                .map(f -> " (" + f + ")").orElse("");
    }

    @Override
    public List<VolumeLocation> volumes() {
        return volumes;
    }

    /** The errors the analysis found (arrays that cannot be read or miss members, unreadable metadata). */
    @Override
    public List<String> problems() {
        return problems;
    }
}
