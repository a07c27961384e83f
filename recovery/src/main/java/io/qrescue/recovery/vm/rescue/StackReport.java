package io.qrescue.recovery.vm.rescue;

import java.util.ArrayList;
import java.util.List;

/**
 * What the appliance could do with the stack, one {@link Step} per disk, md array, logical volume, mount and
 * copy, read from the report lines "KIND NAME ok|failed MESSAGE" the rescue job writes.
 */
public record StackReport(List<Step> steps) {

    /** One outcome: kind (disk, md, vg, lv, mount, copy), the thing's name, success, the tool's message. */
    public record Step(String kind, String name, boolean ok, String message) {
        /** The step as one line for people. */
        public String describe() {
            return kind + " " + name + ": " + (ok ? "ok" : "FAILED") + (message.isEmpty() ? "" : " (" + message + ")");
        }
    }

    public StackReport {
        steps = List.copyOf(steps);
    }

    /** Parses the report text; lines that do not have the form are kept as failed "report" steps. */
    public static StackReport parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ", 4);
            if (f.length >= 3 && (f[2].equals("ok") || f[2].equals("failed"))) {
                steps.add(new Step(f[0], f[1], f[2].equals("ok"), f.length == 4 ? f[3].trim() : ""));
            } else {
                steps.add(new Step("report", "-", false, "unreadable report line: " + line));
            }
        }
        return new StackReport(steps);
    }

    /** The steps that failed. */
    public List<Step> failures() {
        return steps.stream().filter(s -> !s.ok()).toList();
    }

    /** True when the files were copied out. */
    public boolean copied() {
        return steps.stream().anyMatch(s -> s.kind().equals("copy") && s.ok());
    }

    /** Names (vg/lv) of the filesystems that were mounted. */
    public List<String> mounted() {
        return steps.stream().filter(s -> s.kind().equals("mount") && s.ok()).map(Step::name).toList();
    }
}
