package io.qrescue.recovery.stack.lvm;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;

/** The result of parsing metadata text: the root section (all that parsed before an error) and findings (offsets in the text). */
public record ParsedText(ConfigSection root, List<Finding> findings) {

    public ParsedText {
        findings = List.copyOf(findings);
    }

    public boolean complete() {
        return findings.isEmpty();
    }

    /** The syntax error as one line naming {@code source} and the line ("vg.txt: line 3: ..."), or null when complete. */
    public String errorLine(String source) {
        return complete() ? null : source + ": " + findings.get(0).message();
    }
}
