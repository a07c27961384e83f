package io.qrescue.imager;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * OSHI is inventory only (style anchors 8.1, 8.3): no production class outside
 * {@code io.qrescue.imager.inventory} may import it, so the rescue data path never depends on it.
 */
class InventoryImportRulesTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path INVENTORY = Path.of("io/qrescue/imager/inventory");
    // an import, static or not, or a fully qualified use such as "oshi.SystemInfo"
    private static final Pattern OSHI_USE = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?oshi\\.|[^\\w.]oshi\\.[A-Za-z]");

    @Test
    void shouldImportOshiOnlyInTheInventoryPackage() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !MAIN_SOURCES.relativize(f).startsWith(INVENTORY))
                    .filter(f -> usesOshi(read(f)))
                    .toList();
        }

        assertThat(offenders).as("files outside %s that use OSHI", INVENTORY).isEmpty();
    }

    @Test
    void shouldRecogniseTheWaysToUseOshi() {
        assertThat(usesOshi("package a;\nimport oshi.SystemInfo;\n")).isTrue();
        assertThat(usesOshi("import static oshi.util.Util.sleep;\n")).isTrue();
        assertThat(usesOshi("var s = new oshi.SystemInfo();\n")).isTrue();
        assertThat(usesOshi("import io.qrescue.imager.inventory.DeviceCatalog;\n")).isFalse();
        assertThat(usesOshi("// we do not use OshiDeviceCatalog here\nString kiloshi;\n")).isFalse();
    }

    @Test
    void shouldScanTheRealSources() {
        assertThat(MAIN_SOURCES.resolve(INVENTORY).resolve("OshiDeviceCatalog.java"))
                .as("the test runs in the imager module directory").exists();
        assertThat(usesOshi(read(MAIN_SOURCES.resolve(INVENTORY).resolve("OshiDeviceCatalog.java")))).isTrue();
    }

    private static boolean usesOshi(String source) {
        return OSHI_USE.matcher(source).find();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
