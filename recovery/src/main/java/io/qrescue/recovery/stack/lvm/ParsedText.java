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
}
