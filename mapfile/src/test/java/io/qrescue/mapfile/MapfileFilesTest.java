package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapfileFilesTest {

    private static final byte[] OLD = "0x0 ?\n0x0 0x200 -\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] NEW = "0x0 +\n0x0 0x200 +\n".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    private final MapfileFiles files = new MapfileFiles();

    @Test
    void shouldCreateReplaceAndLeaveNoTemporaryFile() throws IOException {
        Path mapfile = dir.resolve("a.map");

        files.replace(mapfile, OLD, true);
        files.replace(mapfile, NEW, false);

        assertThat(mapfile).hasBinaryContent(NEW);
        assertThat(names()).containsExactly("a.map");
    }

    @Test
    void shouldRotateBackupToAnIndependentFile() throws IOException {
        Path mapfile = dir.resolve("a.map");
        Path backup = dir.resolve("a.map.bak");
        Files.write(mapfile, OLD);

        files.replace(mapfile, NEW, true);

        assertThat(MapfileFiles.backupOf(mapfile)).isEqualTo(backup);
        assertThat(backup).hasBinaryContent(OLD);
        assertThat(mapfile).hasBinaryContent(NEW);
        assertThat(Files.isSameFile(mapfile, backup)).isFalse();
    }

    @Test
    void shouldRemoveBackupTemporaryWhenBackupIsAlreadyALinkToTheMapfile() throws IOException {
        // rename(2) between two names of one file does nothing and leaves the source name in place
        Path mapfile = dir.resolve("a.map");
        Files.write(mapfile, OLD);
        Files.createLink(dir.resolve("a.map.bak"), mapfile);

        files.replace(mapfile, NEW, true);

        assertThat(names()).containsExactly("a.map", "a.map.bak");
        assertThat(dir.resolve("a.map.bak")).hasBinaryContent(OLD);
        assertThat(mapfile).hasBinaryContent(NEW);
    }

    @Test
    void shouldReplaceTheFileASymbolicLinkPointsTo() throws IOException {
        Path realDir = Files.createDirectory(dir.resolve("real"));
        Path real = realDir.resolve("r.map");
        Files.write(real, OLD);
        Path link = Files.createSymbolicLink(dir.resolve("l.map"), real);

        files.replace(link, NEW, true);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).hasBinaryContent(NEW);
        assertThat(realDir.resolve("r.map.bak")).hasBinaryContent(OLD);
    }

    @Test
    void shouldRemoveTemporariesOfDeadProcessesOnly() throws IOException {
        long dead = 999_999_999L; // above Linux's largest pid_max
        long alive = ProcessHandle.current().pid();
        for (String name : List.of(".a.map.tmp-" + dead, ".a.map.bak.tmp-" + dead, ".a.map.tmp-" + alive,
                ".b.map.tmp-" + dead, ".a.map.tmp-x1", "a.map")) {
            Files.write(dir.resolve(name), OLD);
        }

        files.removeStaleTemporaries(dir.resolve("a.map"));

        assertThat(names()).containsExactly(".a.map.tmp-" + alive, ".a.map.tmp-x1", ".b.map.tmp-" + dead, "a.map");
    }

    @Test
    void shouldNameTheMapfileWhenTheSaveFails() {
        Path mapfile = dir.resolve("missing-dir").resolve("a.map");

        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> files.replace(mapfile, NEW, true));

        assertThat(e.getFile()).isEqualTo(mapfile.toString());
        assertThat(e.getMessage()).startsWith(mapfile + ": Error writing mapfile: NoSuchFileException");
        assertThat(e.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void shouldListEmergencyTargetsLikeDdrescue() {
        Path work = dir.resolve("work");
        Path home = dir.resolve("home");
        Path elsewhere = dir.resolve("x.map");

        assertThat(MapfileFiles.emergencyTargets(elsewhere, work, home.toString()))
                .containsExactly(work.resolve("ddrescue.map"), home.resolve("ddrescue.map"));
        assertThat(MapfileFiles.emergencyTargets(work.resolve("ddrescue.map"), work, home.toString()))
                .as("the failing mapfile itself is skipped").containsExactly(home.resolve("ddrescue.map"));
        assertThat(MapfileFiles.emergencyTargets(elsewhere, work, null)).containsExactly(work.resolve("ddrescue.map"));
        assertThat(MapfileFiles.emergencyTargets(elsewhere, home, home.toString()))
                .containsExactly(home.resolve("ddrescue.map"));
    }

    @Test
    void shouldFallBackToTheNextEmergencyTarget() throws IOException {
        Path unwritable = dir.resolve("no-such-dir").resolve("ddrescue.map");
        Path home = Files.createDirectory(dir.resolve("home")).resolve("ddrescue.map");

        Path saved = files.emergencySave(List.of(unwritable, home), NEW);

        assertThat(saved).isEqualTo(home);
        assertThat(home).hasBinaryContent(NEW);
    }

    @Test
    void shouldReportEveryFailedEmergencyTarget() {
        List<Path> targets = List.of(dir.resolve("a").resolve("ddrescue.map"), dir.resolve("b").resolve("ddrescue.map"));

        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> files.emergencySave(targets, NEW));

        assertThat(e.getMessage()).isEqualTo("ddrescue.map: Emergency save failed.");
        assertThat(e.getSuppressed()).hasSize(2);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
