package io.qrescue.recovery.vm.seed;

import io.qrescue.recovery.vm.console.CommandResult;
import io.qrescue.recovery.vm.console.ConsoleException;
import io.qrescue.recovery.vm.console.SeedTestAccess;
import io.qrescue.recovery.vm.console.ShellSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell that answers commands from a script of rules (the rule added last among those that match wins) and keeps
 * files typed with {@code : > F}, {@code printf '%s\n' 'a' 'b' >> F} and measured with {@code wc -c < F} in
 * memory, parsing the single-quoted words as sh does.
 */
final class ScriptedShell implements ShellSession {

    /** What a command prints and returns; {@code ended=false} plays a timeout. */
    record Answer(String output, int status, boolean ended) {
        static Answer ok(String output) {
            return new Answer(output, 0, true);
        }

        static Answer fail(int status, String output) {
            return new Answer(output, status, true);
        }
    }

    private static final Pattern TRUNCATE = Pattern.compile(": > (\\S+)");
    private static final Pattern APPEND = Pattern.compile("printf '%s\\\\n'( .*) >> (\\S+)");
    private static final Pattern SIZE = Pattern.compile("wc -c < (\\S+)");

    private final Map<Pattern, Answer> rules = new java.util.LinkedHashMap<>();
    final Map<String, StringBuilder> files = new HashMap<>();
    final List<String> commands = new ArrayList<>();
    private int sequence;
    private String closeAfter;

    ScriptedShell on(String regex, Answer answer) {
        rules.put(Pattern.compile(regex), answer);
        return this;
    }

    /** The console ends (the VM stops) when a command matching {@code regex} is typed. */
    ScriptedShell closeOn(String regex) {
        this.closeAfter = regex;
        return this;
    }

    @Override
    public CommandResult run(String commandLine, Duration timeout) throws ConsoleException {
        commands.add(commandLine);
        int n = ++sequence;
        if (closeAfter != null && commandLine.matches(closeAfter)) {
            throw SeedTestAccess.closed("the console ended (the VM stopped) while waiting for the end of command " + n);
        }
        Matcher m;
        if ((m = TRUNCATE.matcher(commandLine)).matches()) {
            files.put(m.group(1), new StringBuilder());
            return new CommandResult(n, commandLine, true, 0, "", List.of(), 1);
        }
        if ((m = APPEND.matcher(commandLine)).matches()) {
            StringBuilder f = files.get(m.group(2));
            for (String word : words(m.group(1))) {
                f.append(word).append('\n');
            }
            return new CommandResult(n, commandLine, true, 0, "", List.of(), 1);
        }
        if ((m = SIZE.matcher(commandLine)).matches()) {
            int bytes = files.get(m.group(1)).toString().getBytes(StandardCharsets.UTF_8).length;
            return new CommandResult(n, commandLine, true, 0, bytes + "\n", List.of(), 1);
        }
        List<Map.Entry<Pattern, Answer>> newestFirst = new ArrayList<>(rules.entrySet());
        java.util.Collections.reverse(newestFirst);
        for (Map.Entry<Pattern, Answer> rule : newestFirst) {
            if (rule.getKey().matcher(commandLine).matches()) {
                Answer a = rule.getValue();
                return new CommandResult(n, commandLine, a.ended(), a.ended() ? a.status() : -1, a.output(), List.of(), 1);
            }
        }
        return new CommandResult(n, commandLine, true, 127, "sh: not scripted: " + commandLine + "\n", List.of(), 1);
    }

    /** The words of a run of single-quoted sh words (with '\'' for a quote). */
    private static List<String> words(String quoted) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inQuote = false;
        boolean inWord = false;
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (inQuote) {
                if (c == '\'') {
                    inQuote = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                inQuote = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < quoted.length()) {
                word.append(quoted.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
