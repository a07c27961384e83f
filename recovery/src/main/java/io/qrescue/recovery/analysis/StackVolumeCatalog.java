package io.qrescue.recovery.analysis;

import io.qrescue.recovery.source.MappedSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.volume.VolumeCatalog;
import io.qrescue.recovery.volume.VolumeCatalogException;
import io.qrescue.recovery.volume.VolumeCatalogFactory;
import io.qrescue.recovery.volume.VolumeLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The volumes found by {@link StackAnalysis} on a set of images: every placed linear, thin, thick and snapshot LV,
 * each read through its first placement (an md array reads every byte from whichever member holds or rebuilds it),
 * and why each volume that cannot be placed cannot (a volume on an array that misses more members than its level
 * survives is left out, with the missing roles).
 */
public final class StackVolumeCatalog implements VolumeCatalog {

    private final List<VolumeLocation> volumes;
    private final Map<String, String> problems;
    /** The first ERROR finding of the stack, or null: why a name may be missing. */
    private final String firstError;

    private StackVolumeCatalog(List<VolumeLocation> volumes, Map<String, String> problems, String firstError) {
        this.volumes = List.copyOf(volumes);
        this.problems = Map.copyOf(problems);
        this.firstError = firstError;
    }

    /**
     * The catalog of {@code analysis}: each placed volume through its preferred placement, with the damage of the
     * images below and every doubt of the stack ({@link AnalyzedVolume#open()}).
     */
    public static StackVolumeCatalog of(StackAnalysis analysis) {
        List<VolumeLocation> out = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (AnalyzedVolume v : analysis.volumes()) {
            MdArraySource array = v.placements().isEmpty() ? null : v.placements().get(0).array();
            MappedSource source = v.open();
            if (array != null && !array.complete()) {
                // most of such a volume would be missing: say which members to add instead
                problems.put(v.name(), v.name() + " lies on " + array.name() + " (" + array.layout().describe()
                        + "), which misses more members than it survives: roles " + array.missingRoles().stream()
                        .map(String::valueOf).collect(Collectors.joining(", ")) + " missing; give every member");
            } else if (source != null) {
                out.add(new VolumeLocation(v.name(), v.kind(), source));
            } else {
                problems.put(v.name(), v.problem());
            }
        }
        String firstError = analysis.findings().stream().filter(f -> f.severity() == Severity.ERROR).findFirst()
                .map(Object::toString).orElse(null);
        return new StackVolumeCatalog(out, problems, firstError);
    }

    /** The factory {@code extract} and {@code serve} use: analyses the image, fails when it holds no volume. */
    public static VolumeCatalogFactory factory() {
        return (List<NamedImage> images) -> {
            StackAnalysis analysis = StackAnalysis.analyze(images);
            StackVolumeCatalog catalog = of(analysis);
            if (catalog.volumes.isEmpty() && catalog.problems.isEmpty()) {
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

    /**
     * Why {@code name} cannot be read: the reason of a volume that cannot be placed, or, for a name the metadata
     * does not hold while the stack's metadata is damaged, that damage (the name may be lost with it).
     */
    @Override
    public Optional<String> problem(String name) {
        if (problems.containsKey(name)) {
            return Optional.of(problems.get(name));
        }
        if (firstError != null && find(name).isEmpty()) {
            return Optional.of("no volume named '" + name + "' is readable, and the stack's metadata is damaged ("
                    + firstError + ")");
        }
        return Optional.empty();
    }
}
