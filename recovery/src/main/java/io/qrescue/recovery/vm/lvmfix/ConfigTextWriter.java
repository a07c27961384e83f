package io.qrescue.recovery.vm.lvmfix;

/**
 * Writes a section tree back in LVM's text format, indented with spaces (never tabs: the file may be typed on a
 * console, where a tab asks the shell for completion).
 */
final class ConfigTextWriter {

    private ConfigTextWriter() {
    }

    static String write(ConfigSection root) {
        StringBuilder out = new StringBuilder();
        writeEntries(root, 0, out);
        return out.toString();
    }

    private static void writeEntries(ConfigSection section, int depth, StringBuilder out) {
        String indent = "    ".repeat(depth);
        for (ConfigSection.Entry e : section.entries()) {
            if (e instanceof ConfigSection.Subsection s) {
                out.append(indent).append(s.key()).append(" {\n");
                writeEntries(s.section(), depth + 1, out);
                out.append(indent).append("}\n");
            } else if (e instanceof ConfigSection.Assignment a) {
                out.append(indent).append(a.key()).append(" = ");
                writeValue(a.value(), out);
                out.append('\n');
            }
        }
    }

    private static void writeValue(ConfigValue v, StringBuilder out) {
        if (v instanceof ConfigValue.Text t) {
            out.append('"');
            for (char c : t.value().toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        } else if (v instanceof ConfigValue.Whole w) {
            out.append(w.value());
        } else if (v instanceof ConfigValue.Decimal d) {
            out.append(d.literal());
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
