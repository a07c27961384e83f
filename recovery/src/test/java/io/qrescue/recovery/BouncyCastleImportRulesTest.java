package io.qrescue.recovery;

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
 * Bouncy Castle (argon2, the hashes the JDK lacks) is used only in the LUKS package: no other production class
 * imports or names {@code org.bouncycastle}.
 */
class BouncyCastleImportRulesTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path LUKS = Path.of("io/qrescue/recovery/stack/luks");
    private static final Pattern BC_USE = Pattern.compile("\\borg\\s*\\.\\s*bouncycastle\\b");

    @Test
    void shouldUseBouncyCastleOnlyInTheLuksPackage() throws IOException {
        List<Path> offenders;
        List<Path> users;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            users = files.filter(f -> f.toString().endsWith(".java")).filter(f -> usesBc(read(f))).toList();
        }
        offenders = users.stream().filter(f -> !MAIN_SOURCES.relativize(f).startsWith(LUKS)).toList();
        assertThat(offenders).as("files outside %s that use Bouncy Castle", LUKS).isEmpty();
        assertThat(users).as("the scan finds the LUKS package's own use").isNotEmpty();
    }

    @Test
    void shouldRecogniseImportsAndQualifiedNamesButNotComments() {
        assertThat(usesBc("import org.bouncycastle.crypto.Digest;")).isTrue();
        assertThat(usesBc("var g = new org.bouncycastle.crypto.generators.Argon2BytesGenerator();")).isTrue();
        assertThat(usesBc("// argon2 from org.bouncycastle\n/* org.bouncycastle */ int x;")).isFalse();
    }

    private static boolean usesBc(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        return BC_USE.matcher(code).find();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
