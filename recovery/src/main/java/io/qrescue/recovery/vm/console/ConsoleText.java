package io.qrescue.recovery.vm.console;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Turns raw console characters (one per byte) into the text a command printed. */
final class ConsoleText {

    // Terminal control sequences the shell's line editor or a tool may print (cursor queries, colours).
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile("\u001b(?:\\[[0-9;?]*[ -/]*[@-~]|[@-Z\\\\-_])");

    // The tty turns "\n" into "\r\n"; a program's own "\r\n" arrives as "\r\r\n".
    private static final Pattern LINE_END = Pattern.compile("\r+\n");

    private ConsoleText() {
    }

    /**
     * The output as the command wrote it: the console's "\r\n" back to "\n", control sequences dropped,
     * bytes decoded as UTF-8.
     */
    static String output(String consoleChars) {
        String s = ESCAPE_SEQUENCE.matcher(consoleChars).replaceAll("");
        s = LINE_END.matcher(s).replaceAll("\n");
        return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** A timeout for a message: "300 ms", "20 s". */
    static String duration(java.time.Duration d) {
        return d.toMillis() < 10_000 && d.toMillis() % 1000 != 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /** Console characters shown in an error message: control characters made visible. */
    static String readable(String consoleChars) {
        StringBuilder out = new StringBuilder();
        for (char c : output(consoleChars).toCharArray()) {
            if (c == '\n' || c >= ' ' && c != 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out.toString();
    }
}
