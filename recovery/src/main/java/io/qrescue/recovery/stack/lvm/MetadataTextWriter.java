package io.qrescue.recovery.stack.lvm;

/**
 * Writes a section tree back in LVM's text format, entries in their order, indented with spaces (never tabs: the
 * file may be typed on a console, where a tab asks the shell for completion). Comments are not kept.
 */
public final class MetadataTextWriter {

    private MetadataTextWriter() {
    }

    /** The entries of {@code root} (not its own name) as text that {@link MetadataTextParser} reads back the same. */
    public static String write(ConfigSection root) {
        StringBuilder out = new StringBuilder();
        writeEntries(root, 0, out);
        return out.toString();
    }

    private static void writeEntries(ConfigSection section, int depth, StringBuilder out) {
        String indent = "    ".repeat(depth);
        for (ConfigEntry e : section.entries()) {
            if (e instanceof ConfigSection s) {
                out.append(indent).append(s.name()).append(" {\n");
                writeEntries(s, depth + 1, out);
                out.append(indent).append("}\n");
            } else if (e instanceof ConfigEntry.Assignment a) {
                out.append(indent).append(a.name()).append(" = ");
                writeValue(a.value(), out);
                out.append('\n');
            }
        }
    }

    private static void writeValue(ConfigValue v, StringBuilder out) {
        if (v instanceof ConfigValue.Str t) {
            out.append('"');
            for (char c : t.value().toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        } else if (v instanceof ConfigValue.Int w) {
            out.append(w.value());
        } else if (v instanceof ConfigValue.Float d) {
            out.append(d.text());
        } else if (v instanceof ConfigValue.Array a) {
            out.append('[');
            for (int i = 0; i < a.elements().size(); i++) {
                out.append(i == 0 ? "" : ", ");
                writeValue(a.elements().get(i), out);
            }
            out.append(']');
        }
    }
}
