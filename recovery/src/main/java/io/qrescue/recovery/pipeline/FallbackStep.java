package io.qrescue.recovery.pipeline;

import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.recovery.analysis.AnalyzedVolume;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.files.CopyManifest;
import io.qrescue.recovery.files.FileTrees;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.md.MdMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rescue job's VM step, after the Java extraction: finds the volumes the Java readers cannot place (and the md
 * arrays they do not map, whose volumes are not even named), asks the {@link VmFallback} once for all of them,
 * moves each copied volume into its files directory as the Java path lays it out (files/, SHA256SUMS,
 * manifest.txt, damaged-files.txt) and says in the report what the copies cannot tell: which of their files
 * unreadable sectors hit. Done again only when the maps change.
 */
final class FallbackStep {

    /** State key of the VM's problem lines, kept for a rerun that skips the VM. */
    static final String VM_PROBLEMS = "vm.problems";
    /** What a volume the VM copied must be called: VG/LV (or md/NAME), LVM's characters, no "." or "..". */
    private static final java.util.regex.Pattern VOLUME_NAME = java.util.regex.Pattern.compile(
            "(?!\\.{1,2}/)[A-Za-z0-9+_.-]+/(?!\\.{1,2}$)[A-Za-z0-9+_.-]+");
    static final String NOT_PLACED = "not extracted: its bytes cannot be placed on the images (see the findings)";
    /** What a copy through the VM cannot tell, in the report and in damaged-files.txt. */
    static final String NO_DAMAGE_LIST = "no per-file damage list: the recovery VM reads unreadable sectors as "
            + "zeros";

    private final PipelineOptions options;
    private final VmFallback fallback;
    private final PipelineListener listener;
    private final Workdir work;
    private final PipelineState state;

    FallbackStep(PipelineOptions options, VmFallback fallback, PipelineListener listener, Workdir work,
            PipelineState state) {
        this.options = options;
        this.fallback = fallback;
        this.listener = listener;
        this.work = work;
        this.state = state;
    }

    /** One volume the VM copied: name, files and bytes. */
    record Copied(String name, long fileCount, long bytes) {
    }

    /**
     * Runs the step; fills in the report rows and outcomes of the volumes it concerns. Returns why volumes that
     * needed the VM did not get it (to be shown and to make the job unfinished), or null.
     */
    String run(StackAnalysis analysis, List<Readability> readability, List<String> imageNames, List<Long> imageSizes,
            String fingerprint, ReportAssembler report, List<PipelineResult.VolumeOutcome> outcomes) throws IOException,
            InterruptedException {
        List<AnalyzedVolume> wanted = new ArrayList<>();
        List<String> placed = new ArrayList<>();
        for (AnalyzedVolume v : analysis.volumes()) {
            if (v.placements().isEmpty()) {
                wanted.add(v);
            } else {
                placed.add(v.name());
            }
        }
        List<ArrayNode> unmapped = analysis.stack().arrays().stream().filter(a -> !a.readable()).toList();
        if (wanted.isEmpty() && unmapped.isEmpty()) {
            state.forget(RescuePipeline.VM);
            return null;
        }
        String what = describeNeed(wanted, unmapped);
        if (options.vm() == VmFallback.Mode.NEVER) {
            notCopied(wanted, unmapped, report, outcomes, "--vm=never: the recovery VM was not used; with --vm=auto it "
                    + "would copy the files");
            return null;
        }
        Optional<String> missing = fallback.missing();
        if (missing.isPresent()) {
            String why = "needs the recovery VM, which cannot run here: " + missing.get();
            listener.note(what + " " + why);
            notCopied(wanted, unmapped, report, outcomes, why);
            return missing.get();
        }
        List<Copied> copied;
        List<String> problems = new ArrayList<>();
        String recorded = state.value(RescuePipeline.VM_COPIED);
        if (state.isDone(RescuePipeline.VM, fingerprint) && recorded != null && filesDirsExist(decode(recorded))) {
            copied = decode(recorded);
            String said = state.value(VM_PROBLEMS);
            if (said != null && !said.isEmpty()) {
                problems.addAll(List.of(said.split("\n")));
            }
            listener.stage(RescuePipeline.VM, "files of " + what + " copied through the recovery VM", true);
        } else {
            state.forget(RescuePipeline.VM);
            listener.stage(RescuePipeline.VM, "booting the recovery VM on " + imageNames.size() + " image(s) for "
                    + what + " (images attached read-only, checked before and after)", false);
            Path out = work.vmCopy();
            FileTrees.deleteTree(out);
            VmFallback.Copy copy;
            try {
                copy = fallback.copy(new VmFallback.Request(images(), wanted.stream().map(AnalyzedVolume::name)
                        .toList(), unmapped.stream().map(a -> a.array().displayName()).toList()), out);
            } catch (IOException e) {
                String why = "the recovery VM failed: " + e.getMessage();
                listener.note(why);
                notCopied(wanted, unmapped, report, outcomes, why);
                FileTrees.deleteTree(out);
                return why;
            }
            copied = new ArrayList<>();
            for (String name : copy.copied()) {
                if (placed.contains(name)) {
                    continue; // the Java path has its files, with their damage named
                }
                if (!VOLUME_NAME.matcher(name).matches()) {
                    problems.add("not taken: '" + name + "' is not a VG/LV name");
                    continue;
                }
                copied.add(moveIn(name, out.resolve(name)));
            }
            FileTrees.deleteTree(out);
            problems.addAll(copy.problems());
            state.markDone(VM_PROBLEMS, String.join("\n", problems));
            state.markDone(RescuePipeline.VM_COPIED, encode(copied));
            state.markDone(RescuePipeline.VM, fingerprint);
        }
        for (String p : problems) {
            report.note("recovery VM: " + p);
        }
        String under = damageUnder(unmapped, readability, imageNames, imageSizes);
        for (Copied c : copied) {
            AnalyzedVolume known = wanted.stream().filter(v -> v.name().equals(c.name())).findFirst().orElse(null);
            String note = c.fileCount() + " files (" + HumanNumbers.formatNum(c.bytes(), true) + "B) copied through "
                    + "the recovery VM into " + work.dir().relativize(work.filesDir(c.name())) + "/; " + NO_DAMAGE_LIST
                    + ". " + under;
            long size = known == null ? 0 : known.sizeBytes();
            report.vmVolume(c.name(), "", size, note);
            listener.note(c.name() + ": " + c.fileCount() + " files copied through the recovery VM");
            replace(outcomes, new PipelineResult.VolumeOutcome(c.name(), null, size, -1, c.fileCount(), -1, note,
                    true));
        }
        List<AnalyzedVolume> missed = wanted.stream().filter(v -> copied.stream()
                .noneMatch(c -> c.name().equals(v.name()))).toList();
        notCopied(missed, copied.isEmpty() ? unmapped : List.of(), report, outcomes,
                "the recovery VM could not copy it either (see the notes)");
        return null;
    }

    /** "vg1/lv1 and the volumes of md1 (RAID5)" */
    private static String describeNeed(List<AnalyzedVolume> wanted, List<ArrayNode> unmapped) {
        List<String> parts = new ArrayList<>();
        wanted.forEach(v -> parts.add(v.name()));
        unmapped.forEach(a -> parts.add("the volumes of " + a.array().displayName() + " (" + a.array().levelName()
                + ")"));
        return String.join(", ", parts);
    }

    private void notCopied(List<AnalyzedVolume> volumes, List<ArrayNode> arrays, ReportAssembler report,
            List<PipelineResult.VolumeOutcome> outcomes, String why) {
        for (AnalyzedVolume v : volumes) {
            String note = NOT_PLACED + "; " + why;
            report.volume(v, null, note);
            replace(outcomes, new PipelineResult.VolumeOutcome(v.name(), null, v.sizeBytes(), v.sizeBytes(), -1, 0,
                    note));
        }
        for (ArrayNode a : arrays) {
            report.note(a.array().displayName() + " (" + a.array().levelName() + "): the volumes on it are not read "
                    + "(the Java readers do not map this array: " + refusal(a) + "); " + why);
        }
    }

    /** Why the assembly left the array unread: its first error, e.g. a reshape in progress. */
    private static String refusal(ArrayNode a) {
        return a.array().findings().stream().filter(f -> f.severity() == io.qrescue.recovery.stack.finding.Severity.ERROR)
                .map(io.qrescue.recovery.stack.finding.Finding::message).findFirst().orElse("not readable");
    }

    private static void replace(List<PipelineResult.VolumeOutcome> outcomes, PipelineResult.VolumeOutcome o) {
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).name().equals(o.name())) {
                outcomes.set(i, o);
                return;
            }
        }
        outcomes.add(o);
    }

    /**
     * Which disks' unreadable bytes may lie under the copied volumes: those in the member partitions of the
     * arrays the Java readers do not map (or anywhere on a disk, when no such array explains the need).
     */
    static String damageUnder(List<ArrayNode> unmapped, List<Readability> readability, List<String> imageNames,
            List<Long> imageSizes) {
        Map<Integer, Long> byImage = new LinkedHashMap<>();
        if (unmapped.isEmpty()) {
            for (int i = 0; i < readability.size(); i++) {
                byImage.merge(i, readability.get(i).unreadableBytes(0, imageSizes.get(i)), Long::sum);
            }
        } else {
            for (ArrayNode a : unmapped) {
                for (MdMember m : a.array().members()) {
                    byImage.merge(m.imageIndex(), readability.get(m.imageIndex()).unreadableBytes(m.startBytes(),
                            m.sizeBytes()), Long::sum);
                }
            }
        }
        List<String> hit = new ArrayList<>();
        byImage.forEach((i, bytes) -> {
            if (bytes > 0) {
                hit.add(imageNames.get(i) + " (" + bytes + " bytes)");
            }
        });
        if (hit.isEmpty()) {
            return "Every byte of the disks under it was read, so no file of it lies on unreadable sectors.";
        }
        return "Unreadable bytes that may lie under it: " + String.join(", ", hit) + "; the files they hit (read as "
                + "zeros) cannot be named.";
    }

    private List<Path> images() {
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < work.sourceCount(); i++) {
            images.add(work.image(i).toAbsolutePath());
        }
        return images;
    }

    /**
     * Moves the VM's copy of {@code name} into its files directory: a fresh directory first, swapped in only when
     * complete, so a failure never costs an earlier copy.
     */
    private Copied moveIn(String name, Path from) throws IOException {
        Path target = work.filesDir(name);
        Path fresh = target.resolveSibling("." + target.getFileName() + ".new");
        FileTrees.deleteTree(fresh);
        Files.createDirectories(fresh);
        Path files = fresh.resolve("files");
        if (Files.isDirectory(from)) {
            Files.move(from, files, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.createDirectories(files);
        }
        CopyManifest.Summary listed = CopyManifest.write(fresh, "# not known: copied through the recovery VM; "
                + NO_DAMAGE_LIST + " (see the report for the disks' unreadable bytes)\n");
        FileTrees.deleteTree(target);
        Files.createDirectories(target.getParent());
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        return new Copied(name, listed.fileCount(), listed.totalBytes());
    }

    private boolean filesDirsExist(List<Copied> copied) {
        return copied.stream().allMatch(c -> Files.isDirectory(work.filesDir(c.name()).resolve("files")));
    }

    static String encode(List<Copied> copied) {
        List<String> parts = new ArrayList<>();
        copied.forEach(c -> parts.add(c.name() + ":" + c.fileCount() + ":" + c.bytes()));
        return String.join(",", parts);
    }

    static List<Copied> decode(String text) {
        List<Copied> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] f = part.split(":");
            if (f.length == 3) {
                out.add(new Copied(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return out;
    }
}
