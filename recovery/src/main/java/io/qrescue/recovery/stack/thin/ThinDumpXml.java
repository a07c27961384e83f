package io.qrescue.recovery.stack.thin;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * thin_dump's XML read back (what the standard tools and {@link ThinDumpWriter} write): the superblock's attributes,
 * each device's attributes, and each device's mappings, virtual block to {data block, time}. Comments and unknown
 * elements are skipped. Used by oracle tests and the salvage campaign to compare dumps.
 */
public final class ThinDumpXml {

    public final Map<String, String> superblock = new TreeMap<>();
    public final Map<Long, Map<String, String>> devices = new TreeMap<>();
    public final Map<Long, TreeMap<Long, long[]>> mappings = new TreeMap<>();

    private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Parses one dump, one element per line as the tools write it. */
    public static ThinDumpXml parse(String xml) {
        ThinDumpXml d = new ThinDumpXml();
        TreeMap<Long, long[]> current = null;
        for (String line : xml.split("\n")) {
            String t = line.trim();
            Map<String, String> a = attrs(t);
            if (t.startsWith("<!--")) {
                continue;
            }
            if (t.startsWith("<superblock")) {
                d.superblock.putAll(a);
            } else if (t.startsWith("<device")) {
                long id = Long.parseLong(a.get("dev_id"));
                d.devices.put(id, a);
                current = new TreeMap<>();
                d.mappings.put(id, current);
            } else if (current == null) {
                continue;
            } else if (t.startsWith("<range_mapping")) {
                long o = Long.parseLong(a.get("origin_begin"));
                long db = Long.parseLong(a.get("data_begin"));
                long len = Long.parseLong(a.get("length"));
                long time = Long.parseLong(a.get("time"));
                for (long i = 0; i < len; i++) {
                    current.put(o + i, new long[] {db + i, time});
                }
            } else if (t.startsWith("<single_mapping")) {
                current.put(Long.parseLong(a.get("origin_block")),
                        new long[] {Long.parseLong(a.get("data_block")), Long.parseLong(a.get("time"))});
            }
        }
        return d;
    }

    private static Map<String, String> attrs(String tag) {
        Map<String, String> a = new TreeMap<>();
        Matcher m = ATTR.matcher(tag);
        while (m.find()) {
            a.put(m.group(1), m.group(2));
        }
        return a;
    }
}
