package io.qrescue.recovery.vm.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates kernel messages ({@code [  185.188681] md: md1 stopped.}) from the shell's output on a serial
 * console, incrementally. The kernel writes to the console at any moment, even in the middle of a line of a
 * command's output or of our end marker; cutting each message out joins the interrupted line again.
 * Text is handled as ISO-8859-1 characters, one per byte.
 */
final class KernelMessageSplitter {

    // printk with timestamps: "[" spaces seconds "." six digits "]" text, ended by the console's "\r\n".
    // The text never runs across an end marker, so a command printing a fake timestamp cannot swallow one.
    private static final Pattern MESSAGE = Pattern.compile("\\[ *\\d{1,10}\\.\\d{6}\\](?:(?!@@RC )[^\\n])*\\n");
    // What may still grow into a message: an open "[ 12.3" or a whole stamp whose line has not ended.
    private static final Pattern INCOMPLETE = Pattern.compile(
            "\\[ *(?:\\d{1,10}(?:\\.\\d{0,6})?)?\\z|\\[ *\\d{1,10}\\.\\d{6}\\](?:(?!@@RC )[^\\n])*\\z");

    private final StringBuilder pending = new StringBuilder();
    private final List<String> messages = new ArrayList<>();

    /**
     * Takes the next characters from the console and returns those that are certainly not part of a kernel
     * message; a possible message start at the end is held back until its line ends.
     */
    String feed(CharSequence chars) {
        pending.append(chars);
        StringBuilder released = new StringBuilder(pending.length());
        Matcher m = MESSAGE.matcher(pending);
        int pos = 0;
        while (m.find()) {
            released.append(pending, pos, m.start());
            messages.add(pending.substring(m.start(), m.end()).replace("\r", "").stripTrailing());
            pos = m.end();
        }
        int hold = heldBackFrom(pos);
        released.append(pending, pos, hold);
        pending.delete(0, hold);
        return released.toString();
    }

    /** Characters held back so far (an unfinished message, or text that only looked like one), releasing them. */
    String flush() {
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }

    /** Kernel messages cut out since the last call, each without its line end; clears the list. */
    List<String> drainMessages() {
        List<String> out = List.copyOf(messages);
        messages.clear();
        return out;
    }

    private int heldBackFrom(int from) {
        // a message never spans a line end, so only the last line can hold an unfinished one
        int lineStart = Math.max(from, pending.lastIndexOf("\n") + 1);
        int bracket = pending.lastIndexOf("[");
        while (bracket >= lineStart) {
            Matcher m = INCOMPLETE.matcher(pending);
            m.region(bracket, pending.length());
            if (m.lookingAt()) {
                return bracket;
            }
            bracket = bracket == 0 ? -1 : pending.lastIndexOf("[", bracket - 1);
        }
        return pending.length();
    }
}
