package io.qrescue.recovery.vm.appliance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the shared libraries, the dynamic loader included, out of the text {@code ldd} prints for a program. */
public final class LddOutput {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)"  and the loader line "/lib64/ld-linux-x86-64.so.2 (0x...)"
    private static final Pattern MAPPED = Pattern.compile("^\\s*\\S+\\s+=>\\s+(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    private static final Pattern DIRECT = Pattern.compile("^\\s*(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");

    private LddOutput() {
    }

    /** Absolute paths of every library and the loader, in the order ldd listed them; vdso and "not found" skipped. */
    public static List<String> libraries(String lddText) {
        List<String> paths = new ArrayList<>();
        for (String line : lddText.split("\n")) {
            Matcher mapped = MAPPED.matcher(line);
            Matcher direct = DIRECT.matcher(line);
            if (mapped.matches()) {
                paths.add(mapped.group(1));
            } else if (direct.matches()) {
                paths.add(direct.group(1));
            }
        }
        return paths;
    }

    /** Lines that say a library was not found, for an error message; empty when all were found. */
    public static List<String> missing(String lddText) {
        List<String> lines = new ArrayList<>();
        for (String line : lddText.split("\n")) {
            if (line.contains("not found")) {
                lines.add(line.trim());
            }
        }
        return lines;
    }
}
