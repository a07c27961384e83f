package io.qrescue.recovery.vm.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ARRAY line of {@code mdadm --examine --scan}, e.g.
 * {@code ARRAY /dev/md/1  metadata=1.0 UUID=e767caf1:30504500:f7da4b48:92bb490e name=1}.
 *
 * @param device   the device mdadm proposes (/dev/md/1, /dev/md9)
 * @param uuid     the array UUID, as mdadm prints it
 * @param name     the md name ("1", "9", "host:1"), or "" (0.90 arrays have none)
 * @param metadata the superblock version ("1.0", "0.90"), or ""
 */
public record SeedArray(String device, String uuid, String name, String metadata) {

    private static final Pattern ARRAY = Pattern.compile("^ARRAY\\s+(\\S+)(.*)$", Pattern.MULTILINE);
    private static final Pattern UUID = Pattern.compile("\\bUUID=([0-9a-fA-F:]{35})\\b");
    private static final Pattern NAME = Pattern.compile("\\bname=(\\S+)");
    private static final Pattern METADATA = Pattern.compile("\\bmetadata=(\\S+)");
    // QNAP's system arrays (QTS root, swap, system area); the data arrays are md1, md2, ...
    private static final List<String> QNAP_SYSTEM_NAMES = List.of("9", "13", "256", "321", "322");

    /** The ARRAY lines of the scan output; lines without a UUID are skipped. */
    public static List<SeedArray> parseScan(String output) {
        List<SeedArray> arrays = new ArrayList<>();
        Matcher m = ARRAY.matcher(output);
        while (m.find()) {
            String rest = m.group(2);
            Matcher uuid = UUID.matcher(rest);
            if (!uuid.find()) {
                continue;
            }
            arrays.add(new SeedArray(m.group(1), uuid.group(1), find(NAME, rest), find(METADATA, rest)));
        }
        return arrays;
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : "";
    }

    /** The name without a "host:" prefix. */
    public String shortName() {
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    /** Whether this is one of QNAP's system arrays (md9, md13, md256, md321, md322), not a data pool. */
    public boolean isQnapSystemArray() {
        String n = shortName().isEmpty() ? device.replaceAll("^.*?(\\d+)$", "$1") : shortName();
        return QNAP_SYSTEM_NAMES.contains(n);
    }
}
