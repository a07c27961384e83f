package io.qrescue.recovery.stack.lvm;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses LVM metadata text (on-disk form and vgcfgbackup files): sections, {@code key = value}, quoted strings
 * ("..." with backslash escapes, '...' without), integers, floats, arrays (commas between elements optional, as in
 * lvm's own parser), {@code #} comments. Keeps assignments and sections in text order. Stops at the first syntax
 * error and returns what parsed before it, with a finding at the character offset whose message names the line.
 */
public final class MetadataTextParser {

    /** Deeper nesting than lvm ever writes (vg / logical_volumes / lv / segment / message) is corrupt text. */
    static final int MAX_DEPTH = 32;
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final String text;
    private int pos;

    private MetadataTextParser(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text}; a finding names {@code what} (e.g. "LVM metadata text"), an offset into the text and,
     * in its message, the line ("line 3: expected '=' or '{' after \"seqno\"").
     */
    public static ParsedText parse(String text, String what) {
        MetadataTextParser p = new MetadataTextParser(text);
        ConfigSection root = new ConfigSection("");
        List<Finding> findings = new ArrayList<>();
        try {
            p.body(root, 0, false);
        } catch (SyntaxError e) {
            findings.add(Finding.error(what, e.offset, "line " + lineAt(text, e.offset) + ": " + e.getMessage()));
        }
        return new ParsedText(root, findings);
    }

    /** The 1-based line of character {@code offset}. */
    private static long lineAt(String text, int offset) {
        return 1 + text.chars().limit(offset).filter(c -> c == '\n').count();
    }

    public static ParsedText parse(String text) {
        return parse(text, "LVM metadata text");
    }

    private static final class SyntaxError extends Exception {
        final int offset;

        SyntaxError(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private void body(ConfigSection into, int depth, boolean braced) throws SyntaxError {
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                if (braced) {
                    throw new SyntaxError(pos, "text ends inside section \"" + into.name() + "\"");
                }
                return;
            }
            char c = text.charAt(pos);
            if (c == '}') {
                if (!braced) {
                    throw new SyntaxError(pos, "unexpected '}'");
                }
                pos++;
                return;
            }
            int keyAt = pos;
            String key = identifier();
            if (key.isEmpty()) {
                throw new SyntaxError(pos, "expected a name, found '" + c + "'");
            }
            skipSpace();
            if (pos >= text.length()) {
                throw new SyntaxError(pos, "text ends after \"" + key + "\"");
            }
            char next = text.charAt(pos);
            if (next == '{') {
                if (depth >= MAX_DEPTH) {
                    throw new SyntaxError(keyAt, "sections nested deeper than " + MAX_DEPTH);
                }
                pos++;
                ConfigSection s = new ConfigSection(key);
                into.add(s);
                body(s, depth + 1, true);
            } else if (next == '=') {
                pos++;
                into.add(new ConfigEntry.Assignment(key, value(true)));
            } else {
                throw new SyntaxError(pos, "expected '=' or '{' after \"" + key + "\"");
            }
        }
    }

    private ConfigValue value(boolean arrayAllowed) throws SyntaxError {
        skipSpace();
        if (pos >= text.length()) {
            throw new SyntaxError(pos, "text ends where a value was expected");
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            return new ConfigValue.Str(quoted(c));
        }
        if (c == '[') {
            if (!arrayAllowed) {
                throw new SyntaxError(pos, "array inside an array");
            }
            pos++;
            List<ConfigValue> elements = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    throw new SyntaxError(pos, "text ends inside an array");
                }
                if (text.charAt(pos) == ']') {
                    pos++;
                    return new ConfigValue.Array(elements);
                }
                elements.add(value(false));
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                }
            }
        }
        int at = pos;
        String word = identifier();
        if (word.isEmpty()) {
            throw new SyntaxError(pos, "expected a value, found '" + c + "'");
        }
        if (INTEGER.matcher(word).matches()) {
            try {
                return new ConfigValue.Int(Long.parseLong(word));
            } catch (NumberFormatException e) {
                throw new SyntaxError(at, "integer out of 64-bit range: " + word);
            }
        }
        if (FLOAT.matcher(word).matches()) {
            return new ConfigValue.Float(word);
        }
        throw new SyntaxError(at, "bad value \"" + (word.length() > 40 ? word.substring(0, 40) + "..." : word) + "\"");
    }

    private String quoted(char quote) throws SyntaxError {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && quote == '"') {
                if (pos >= text.length()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        throw new SyntaxError(start, "unterminated string");
    }

    /** A run of characters other than whitespace and the punctuation # = { } [ ] , " '. */
    private String identifier() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == '#' || c == '=' || c == '{' || c == '}' || c == '[' || c == ']'
                    || c == ',' || c == '"' || c == '\'' || c == 0) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }
}
