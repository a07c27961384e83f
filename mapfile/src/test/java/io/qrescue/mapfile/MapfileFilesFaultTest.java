package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qrescue.mapfile.testing.RandomMaps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash test with injected faults: a save is failed at every step and every byte offset in turn, and what is
 * left on disk must be states that were saved, never a partial file or a state newer than the one written.
 */
class MapfileFilesFaultTest {

    private static final long SEED = 0x5A7E_2026L;
    private static final MapfileHeader HEADER =
            new MapfileHeader(MapfileHeader.RESCUE_CREATOR, "ddrescue in out map", "2026-11-27 04:31:52", null);

    /** What exists before the failing save. */
    enum Before {
        NOTHING, MAPFILE, MAPFILE_AND_BACKUP
    }

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (FaultyFileOps.Mode mode : FaultyFileOps.Mode.values()) {
            for (boolean hardLinks : new boolean[] {true, false}) {
                for (Before before : Before.values()) {
                    for (boolean rotate : new boolean[] {true, false}) {
                        if (hardLinks || rotate && before != Before.NOTHING) { // links are only made to rotate
                            cases.add(Arguments.of(mode, hardLinks, before, rotate));
                        }
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}, hard links {1}, before: {2}, rotate {3}")
    @MethodSource("cases")
    void shouldLeaveOnlySavedStatesWhenAnyStepOrByteFails(FaultyFileOps.Mode mode, boolean hardLinks,
            Before before, boolean rotate) throws Exception {
        Random random = new Random(SEED ^ (mode.ordinal() * 31L + (hardLinks ? 7 : 0) + before.ordinal() * 3L
                + (rotate ? 1 : 0)));
        byte[] older = text(RandomMaps.mapfile(random, 1 + random.nextInt(8)));
        byte[] current = text(RandomMaps.mapfile(random, 1 + random.nextInt(8)));
        byte[] next = text(RandomMaps.mapfile(random, 1 + random.nextInt(8)));
        Path mapfile = dir.resolve("rescue.map");
        Path backup = MapfileFiles.backupOf(mapfile);

        long failAt = 0;
        for (; ; failAt++) {
            clear(dir);
            if (before != Before.NOTHING) {
                Files.write(mapfile, current);
            }
            if (before == Before.MAPFILE_AND_BACKUP) {
                Files.write(backup, older);
            }
            byte[] backupBefore = before == Before.MAPFILE_AND_BACKUP ? older : null;
            byte[] rotated = rotate && before != Before.NOTHING ? current : backupBefore;

            FaultyFileOps ops = new FaultyFileOps(failAt, mode, hardLinks);
            FileSystemException thrown = catchThrowableOfType(FileSystemException.class,
                    () -> new MapfileFiles(ops).replace(mapfile, next, rotate));
            String trial = "fault at event " + failAt + " (" + ops.firedAt() + ")";

            if (thrown == null) {
                assertThat(contentOf(mapfile)).as(trial).isEqualTo(next);
                assertThat(contentOf(backup)).as(trial).isEqualTo(rotated);
            } else {
                assertThat(thrown.getFile()).as(trial).isEqualTo(mapfile.toString());
                assertThat(contentOf(mapfile)).as(trial).isEqualTo(before == Before.NOTHING ? null : current);
                assertThat(contentOf(backup)).as(trial).isIn(backupBefore, rotated);
            }
            assertParsesIfPresent(mapfile, trial);
            assertParsesIfPresent(backup, trial);
            if (mode == FaultyFileOps.Mode.THROW) {
                assertThat(names(dir)).as(trial + ": no temporary file left").isSubsetOf("rescue.map", "rescue.map.bak");
            } else {
                // the next run (same pid in this test) saves over whatever the dead one left
                new MapfileFiles(new FaultyFileOps(FaultyFileOps.NEVER, mode, true)).replace(mapfile, next, false);
                assertThat(contentOf(mapfile)).as(trial).isEqualTo(next);
                assertThat(names(dir)).as(trial).isSubsetOf("rescue.map", "rescue.map.bak");
            }
            if (ops.firedAt() == null) {
                break; // the save ran to the end without reaching the fault: every event has been failed
            }
        }
        assertThat(failAt).as("every byte offset was failed").isGreaterThan(next.length);
    }

    private static byte[] text(Mapfile map) {
        return MapfileWriter.toText(map, HEADER.at(LocalDateTime.of(2026, 11, 27, 5, 0)))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] contentOf(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : null;
    }

    private static void assertParsesIfPresent(Path file, String trial) {
        if (Files.exists(file)) {
            assertThatCode(() -> MapfileReader.read(file, null)).as(trial + ": " + file).doesNotThrowAnyException();
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
