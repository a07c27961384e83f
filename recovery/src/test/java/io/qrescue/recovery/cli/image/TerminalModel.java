package io.qrescue.recovery.cli.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of a terminal to see what a screen looks like after some output: printable characters overwrite,
 * {@code \r} returns, {@code \n} starts a new line (as the tty's output processing does), {@code ESC[A} moves
 * up, {@code ESC[K} clears to the end of the line. Any other escape sequence fails the test.
 */
final class TerminalModel {

    private final List<StringBuilder> lines = new ArrayList<>();
    private int row;
    private int col;
    private int cursorUps;

    /** Replays {@code output} and returns the screen, trailing spaces removed, without trailing empty lines. */
    static List<String> screen(String output) {
        TerminalModel t = new TerminalModel();
        t.feed(output);
        return t.lines();
    }

    void feed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                row++;
                col = 0;
            } else if (c == '\u001B') {
                if (s.startsWith("\u001B[A", i)) {
                    row = Math.max(0, row - 1);
                    cursorUps++;
                } else if (s.startsWith("\u001B[K", i)) {
                    StringBuilder line = line(row);
                    if (line.length() > col) {
                        line.setLength(col);
                    }
                } else {
                    throw new AssertionError("unexpected escape sequence at " + i);
                }
                i += 2;
            } else if (c < 0x20) {
                throw new AssertionError("unexpected control character " + (int) c + " at " + i);
            } else {
                StringBuilder line = line(row);
                while (line.length() < col) {
                    line.append(' ');
                }
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
        }
    }

    /** How many times the cursor moved up. */
    int cursorUps() {
        return cursorUps;
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (StringBuilder b : lines) {
            out.add(b.toString().stripTrailing());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private StringBuilder line(int index) {
        while (lines.size() <= index) {
            lines.add(new StringBuilder());
        }
        return lines.get(index);
    }
}
