package io.qrescue.recovery.vm.appliance;

import java.util.ArrayList;
import java.util.List;

/** Reads the load order out of {@code modprobe -S KVER --show-depends MODULE}: one "insmod PATH [ARGS]" per line. */
public final class ModuleDependencies {

    /** One module to load: its path on the host and the arguments modprobe.d gives it. */
    public record ModuleLoad(String path, String arguments) {
    }

    private ModuleDependencies() {
    }

    /** The insmod lines in order; "builtin" lines name modules in the kernel image and are skipped. */
    public static List<ModuleLoad> parse(String showDependsText) {
        List<ModuleLoad> loads = new ArrayList<>();
        for (String line : showDependsText.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("insmod ")) {
                continue;
            }
            String rest = trimmed.substring("insmod ".length()).trim();
            int space = rest.indexOf(' ');
            String path = space < 0 ? rest : rest.substring(0, space);
            String args = space < 0 ? "" : rest.substring(space + 1).trim();
            loads.add(new ModuleLoad(path, args));
        }
        return loads;
    }
}
