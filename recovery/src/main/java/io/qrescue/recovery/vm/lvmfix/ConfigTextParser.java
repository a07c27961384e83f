package io.qrescue.recovery.vm.lvmfix;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses LVM's metadata text format (on-disk text and backup files): {@code key = value}, {@code name { ... }},
 * strings in double quotes with backslash escapes, integers, decimals, arrays, {@code #} comments. Errors name
 * the source and the line.
 */
final class ConfigTextParser {

    private final String source;
    private final String text;
    private int pos;
    private int line = 1;

    private ConfigTextParser(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** The whole text as an unnamed top-level section. */
    static ConfigSection parse(String source, String text) throws MetadataFormatException {
        ConfigTextParser p = new ConfigTextParser(source, text);
        ConfigSection root = p.sectionBody(false);
        return root;
    }

    private ConfigSection sectionBody(boolean nested) throws MetadataFormatException {
        ConfigSection section = new ConfigSection();
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                if (nested) {
                    throw error("missing '}' at the end of the text");
                }
                return section;
            }
            char c = text.charAt(pos);
            if (c == '}') {
                if (!nested) {
                    throw error("unexpected '}'");
                }
                pos++;
                return section;
            }
            String key = identifier();
            skipSpace();
            if (pos >= text.length()) {
                throw error("'" + key + "' is followed by nothing");
            }
            char next = text.charAt(pos);
            if (next == '{') {
                pos++;
                section.add(new ConfigSection.Subsection(key, sectionBody(true)));
            } else if (next == '=') {
                pos++;
                skipSpace();
                section.add(new ConfigSection.Assignment(key, value()));
            } else {
                throw error("expected '=' or '{' after '" + key + "'");
            }
        }
    }

    private ConfigValue value() throws MetadataFormatException {
        if (pos >= text.length()) {
            throw error("missing value");
        }
        char c = text.charAt(pos);
        if (c == '[') {
            pos++;
            List<ConfigValue> elements = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    throw error("missing ']'");
                }
                if (text.charAt(pos) == ']') {
                    pos++;
                    return new ConfigValue.Array(elements);
                }
                if (text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                elements.add(value());
            }
        }
        if (c == '"' || c == '\'') {
            return new ConfigValue.Text(quoted(c));
        }
        String word = identifier();
        if (word.matches("[+-]?\\d+")) {
            try {
                return new ConfigValue.Whole(Long.parseLong(word));
            } catch (NumberFormatException e) {
                throw error("integer out of range: " + word);
            }
        }
        if (word.matches("[+-]?\\d*\\.\\d+")) {
            return new ConfigValue.Decimal(word);
        }
        throw error("bad value '" + word + "'");
    }

    private String quoted(char quote) throws MetadataFormatException {
        int startLine = line;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && quote == '"' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        line = startLine;
        throw error("unterminated string");
    }

    private String identifier() throws MetadataFormatException {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '#' || c == '=' || c == '{' || c == '}' || c == '[' || c == ']'
                    || c == ',' || c == '"' || c == '\'' || c == 0) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c) || c == 0) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private MetadataFormatException error(String what) {
        return new MetadataFormatException(source + ": line " + line + ": " + what);
    }
}
