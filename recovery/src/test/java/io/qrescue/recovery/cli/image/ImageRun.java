package io.qrescue.recovery.cli.image;

import io.qrescue.mapfile.Domain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One run of {@link ImageTool} in this JVM, named "ddrescue" so its messages can be compared with GNU
 * ddrescue's word for word. The launcher only records what it was given and returns {@link #LAUNCHED}.
 */
record ImageRun(int exitCode, String stdout, String stderr, DdrescueArguments arguments, Domain domain,
        Optional<Domain> testDomain) {

    /** The exit code of a run that got past every check; no real exit code is this large. */
    static final int LAUNCHED = 100;

    static ImageRun in(Path dir, String... args) {
        return in(dir, new byte[0], args);
    }

    static ImageRun in(Path dir, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var io = new ImageTool.Io(new ByteArrayInputStream(stdin), out,
                new PrintStream(err, true, StandardCharsets.UTF_8), dir);
        Object[] launched = new Object[3];
        int code = new ImageTool("ddrescue", "ddrescue", io, (a, domain, testDomain) -> {
            launched[0] = a;
            launched[1] = domain;
            launched[2] = testDomain;
            return LAUNCHED;
        }).run(args);
        @SuppressWarnings("unchecked")
        Optional<Domain> testDomain = (Optional<Domain>) launched[2];
        return new ImageRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (DdrescueArguments) launched[0], (Domain) launched[1], testDomain);
    }

    boolean launched() {
        return exitCode == LAUNCHED;
    }
}
