package io.qrescue.recovery.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the team's read-only shared directory (docs, golden vectors) beside the repository. */
final class SharedFiles {

    private SharedFiles() {
    }

    static Path root() {
        String configured = System.getProperty("qrescue.shared");
        if (configured != null && Files.isDirectory(Path.of(configured, "vectors"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("vectors"))) {
                return candidate;
            }
        }
        return Path.of("/work/shared");
    }

    static Path vectors() {
        return root().resolve("vectors/ddrescue-1.27");
    }
}
