package io.qrescue.recovery.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrescue.recovery.files.StampedExt4Image.StampedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying files out of a real ext4 image without mounting: the source tree comes back bit for bit. */
@Tag("integration")
class Ext4FileExtractorTest {

    @TempDir
    static Path dir;
    static StampedExt4Image img;

    @BeforeAll
    static void buildImage() throws IOException {
        img = StampedExt4Image.build(dir, 11, 64, 40);
    }

    @Test
    void everyFileComesOutWithTheSourceTreesBytesLinksAndEmptyFiles() throws IOException {
        Path out = dir.resolve("out one");
        FileCopyResult r = new Ext4FileExtractor(new E2fsTools()).extract(img.image, out, null);
        assertThat(digests(r.filesDir())).isEqualTo(digests(img.sourceTree));
        assertThat(Files.readSymbolicLink(r.filesDir().resolve("docs/link to Ünïcode"))).isEqualTo(Path.of("Ünïcode dïr"));
        assertThat(Files.isDirectory(r.filesDir().resolve("a/b/c/d/e/f/g/h/deep"))).isTrue();
        assertThat(r.entries()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ManifestEntry.Kind.FILE);
            assertThat(e.sizeBytes()).isZero();
        });
        assertThat(r.fileCount()).isEqualTo(img.files.size());
        // the manifest's digests as coreutils checks them, names with a newline and a backslash included
        String check = StampedExt4Image.run(List.of("sha256sum", "--strict", "-c", r.sha256Sums().toString()),
                r.filesDir());
        assertThat(check.lines().filter(l -> l.endsWith(": OK")).count()).isEqualTo(img.files.size());
        assertThat(Files.readAllLines(r.manifestText())).hasSize(img.files.size())
                .allSatisfy(l -> assertThat(l).matches("\\\\?[0-9a-f]{64}  \\d+  .+"));
        assertThat(Files.readString(r.manifestJson())).contains("\"fileCount\": " + img.files.size())
                .contains("\"path\": \"line\\nbreak \\\\ name\"");
    }

    @Test
    void damagedFilesAreListedBesideTheCopy() throws IOException {
        StampedFile f = img.files.values().stream().filter(x -> x.sizeBytes() > 10_000).findFirst().orElseThrow();
        FileImpact impact = new Ext4ImpactAnalyzer(new E2fsTools()).analyze(img.image,
                StampedExt4Image.volumeRangesOf(f, 5000, 5100));
        FileCopyResult r = new Ext4FileExtractor(new E2fsTools()).extract(img.image, dir.resolve("out2"), impact);
        assertThat(Files.readAllLines(r.damagedList())).containsExactly(f.path() + "\t5000-5099");
        assertThat(r.entries()).filteredOn(e -> e.damage() != null).extracting(e -> "/" + e.path())
                .containsExactly(f.path());
    }

    @Test
    void aNonEmptyOutputDirectoryIsRefusedAndLeftoversOfAnUnfinishedRunAreRedone() throws IOException {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("mine.txt"), "x");
        assertThatThrownBy(() -> new Ext4FileExtractor(new E2fsTools()).extract(img.image, busy, null))
                .isInstanceOf(IOException.class).hasMessage(busy + ": not empty (mine.txt); give an empty or new directory");
        Path again = Files.createDirectories(dir.resolve("again/" + Ext4FileExtractor.PARTIAL + "/junk"));
        FileCopyResult r = new Ext4FileExtractor(new E2fsTools()).extract(img.image, again.getParent().getParent(), null);
        assertThat(digests(r.filesDir())).isEqualTo(digests(img.sourceTree));
        assertThat(r.filesDir().getParent().resolve(Ext4FileExtractor.PARTIAL)).doesNotExist();
    }

    @Test
    void aFullOutputDeviceGivesOneLineAndNoManifest() throws IOException, InterruptedException {
        Path small = Files.createDirectories(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "needs root to mount a small tmpfs");
        try {
            Path out = small.resolve("out");
            assertThatThrownBy(() -> new Ext4FileExtractor(new E2fsTools()).extract(img.image, out, null))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getMessage()).startsWith(out + ": ").doesNotContain("\n")
                            .contains("no space left"));
            try (Stream<Path> s = Files.list(out)) {
                assertThat(s.map(p -> p.getFileName().toString())).isEmpty();
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    /** Relative path → sha256 of every regular file under {@code root}. */
    private static Map<String, String> digests(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            Map<String, String> out = new TreeMap<>();
            for (Path p : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                out.put(root.relativize(p).toString(), Ext4FileExtractor.sha256(p));
            }
            return out;
        }
    }

}
