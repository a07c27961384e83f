package io.qrescue.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of the recovery module, checked over its production sources: picocli only in the command line
 * ({@code cli}), printing to the process's standard streams only there, and the application layers (the rescue
 * pipeline, imaging) never reaching into the command line.
 */
class LayerImportRulesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String CLI = "io.qrescue.recovery.cli";
    private static final Pattern PICOCLI = Pattern.compile("\\bpicocli\\s*\\.");
    private static final Pattern PRINTING = Pattern.compile("\\bSystem\\s*\\.\\s*(out|err)\\b");
    private static final Pattern CLI_USE = Pattern.compile("\\bio\\s*\\.\\s*qrescue\\s*\\.\\s*recovery\\s*\\.\\s*cli\\b");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    @Test
    void shouldUsePicocliOnlyInTheCommandLine() throws IOException {
        assertThat(offenders(PICOCLI, pkg -> !inCli(pkg))).isEmpty();
        assertThat(offenders(PICOCLI, LayerImportRulesTest::inCli)).as("the scan finds the command line").isNotEmpty();
    }

    @Test
    void shouldPrintOnlyInTheCommandLine() throws IOException {
        assertThat(offenders(PRINTING, pkg -> !inCli(pkg))).as("System.out/err outside " + CLI).isEmpty();
        assertThat(PRINTING.matcher(withoutComments("System.err.println(x);")).find()).isTrue();
        assertThat(PRINTING.matcher(withoutComments("// System.out")).find()).isFalse();
    }

    @Test
    void shouldKeepThePipelineAndImagingFreeOfTheCommandLine() throws IOException {
        assertThat(offenders(CLI_USE, pkg -> !inCli(pkg))).as("references to " + CLI + " outside it").isEmpty();
        assertThat(CLI_USE.matcher("import io.qrescue.recovery.cli.image.ImageCommand;").find()).isTrue();
    }

    private static boolean inCli(String packageName) {
        return packageName.equals(CLI) || packageName.startsWith(CLI + ".");
    }

    /** The source files whose package passes {@code where} and whose code (comments aside) matches {@code use}. */
    private static List<String> offenders(Pattern use, java.util.function.Predicate<String> where) throws IOException {
        assertThat(SOURCES).as("run from the module directory").isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                String packageName = pkg.find() ? pkg.group(1) : "";
                if (where.test(packageName) && use.matcher(withoutComments(text)).find()) {
                    found.add(SOURCES.relativize(file).toString());
                }
            }
        }
        return found;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
