package io.qrescue.imager;

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
 * Package rules of style-anchors 8.1/8.3, checked over the module's production sources: JNA only in the JNA
 * package, the LMAX Disruptor only in the copy pipeline's package.
 */
class ImportRulesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String JNA_PACKAGE = "io.qrescue.imager.os.linux.jna";
    /** An import of, or a fully qualified reference to, anything under com.sun.jna. */
    private static final Pattern JNA_USE = Pattern.compile("\\bcom\\s*\\.\\s*sun\\s*\\.\\s*jna\\b");
    private static final String PIPELINE_PACKAGE = "io.qrescue.imager.pipeline";
    /** An import of, or a fully qualified reference to, anything under com.lmax.disruptor. */
    private static final Pattern DISRUPTOR_USE = Pattern.compile("\\bcom\\s*\\.\\s*lmax\\s*\\.\\s*disruptor\\b");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    @Test
    void shouldUseJnaOnlyInTheJnaPackage() throws IOException {
        assertThat(SOURCES).as("run from the module directory").isDirectory();
        List<String> offenders = new ArrayList<>();
        int jnaFiles = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                String packageName = pkg.find() ? pkg.group(1) : "";
                if (JNA_USE.matcher(withoutComments(text)).find()) {
                    if (packageName.equals(JNA_PACKAGE)) {
                        jnaFiles++;
                    } else {
                        offenders.add(SOURCES.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(offenders).as("files using com.sun.jna outside " + JNA_PACKAGE).isEmpty();
        assertThat(jnaFiles).as("the scan finds the JNA mapping itself").isPositive();
    }

    @Test
    void shouldUseTheDisruptorOnlyInThePipelinePackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        int pipelineFiles = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                String packageName = pkg.find() ? pkg.group(1) : "";
                if (DISRUPTOR_USE.matcher(withoutComments(text)).find()) {
                    if (packageName.equals(PIPELINE_PACKAGE)) {
                        pipelineFiles++;
                    } else {
                        offenders.add(SOURCES.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(offenders).as("files using com.lmax.disruptor outside " + PIPELINE_PACKAGE).isEmpty();
        assertThat(pipelineFiles).as("the scan finds the pipeline itself").isPositive();
        assertThat(DISRUPTOR_USE.matcher(withoutComments("import com.lmax.disruptor.RingBuffer;")).find()).isTrue();
        assertThat(DISRUPTOR_USE.matcher(withoutComments("// com.lmax.disruptor.RingBuffer")).find()).isFalse();
    }

    @Test
    void shouldRecogniseImportsAndQualifiedNamesButNotComments() {
        assertThat(JNA_USE.matcher(withoutComments("import com.sun.jna.Native;")).find()).isTrue();
        assertThat(JNA_USE.matcher(withoutComments("x = com.sun.jna.Native.getLastError();")).find()).isTrue();
        assertThat(JNA_USE.matcher(withoutComments("// see com.sun.jna.Native\n/* com.sun.jna */ int x;")).find())
                .isFalse();
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
