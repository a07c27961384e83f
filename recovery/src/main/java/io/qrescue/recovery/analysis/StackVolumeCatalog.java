package io.qrescue.recovery.analysis;

import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.Placement;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.volume.VolumeLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The volumes found by {@link StackAnalysis} on a set of images: every placed linear, thin, thick and snapshot LV,
 * each read through its placement (an md array reads every byte from whichever member holds or rebuilds it). A
 * volume on an array that misses more members than its level survives is left out, and said in {@link #problems}.
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
        List<String> problems = new ArrayList<>();
        for (AnalyzedVolume v : analysis.volumes()) {
            Placement p = v.placements().stream().findFirst().orElse(null);
            if (p == null) {
                continue;
            }
            MdArraySource array = p.array();
            if (array != null && !array.complete()) {
                // most of such a volume would be missing: say which members to add instead
                problems.add(v.name() + " lies on " + array.name() + " (" + array.layout().describe() + "), which "
                        + "misses more members than it survives: roles " + array.missingRoles().stream()
                        .map(String::valueOf).collect(Collectors.joining(", ")) + " missing; give every member");
                continue;
            }
            out.add(new VolumeLocation(v.name(), v.kind(), p.open()));
        }
        analysis.findings().stream().filter(f -> f.severity() == Severity.ERROR)
                .forEach(f -> problems.add(f.structure() + ": " + f.message()));
        return new StackVolumeCatalog(out, problems);
    }

    /** The factory {@code extract} and {@code serve} use: analyses the image, fails when it holds no volume. */
    public static VolumeCatalogFactory factory() {
        return (List<NamedImage> images) -> {
            StackAnalysis analysis = StackAnalysis.analyze(images);
            StackVolumeCatalog catalog = of(analysis);
            if (catalog.volumes.isEmpty()) {
                if (analysis.foundNothing()) {
                    throw new VolumeCatalogException("no partition table, md array or LVM PV found; give a volume's"
                            + " place in the image with --offset and --length", true);
                }
                throw new VolumeCatalogException("no volume can be read" + (catalog.problems.isEmpty()
                        ? "; give a volume's place in the image with --offset and --length"
                        : ": " + catalog.problems.get(0)), true);
            }
            return catalog;
        };
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
