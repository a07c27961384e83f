package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.qrescue.mapfile.testing.ManualClock;
import io.qrescue.mapfile.testing.RandomMaps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapfileSaverTest {

    private static final LocalDateTime START = LocalDateTime.of(2026, 11, 27, 4, 31, 52);
    private static final MapfileHeader HEADER = new MapfileHeader(MapfileHeader.RESCUE_CREATOR,
            "ddrescue -v in out map", MapfileHeader.timestamp(START), null);

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at(START);
    private final Random random = new Random(20261127);

    @Test
    void shouldCreateTheMapfileInDdrescueLayoutWithTheCurrentTime() throws IOException {
        Path mapfile = dir.resolve("m.map");
        Mapfile map = RandomMaps.mapfile(random, 5);
        clock.advanceSeconds(3);

        saver(mapfile, new MapfileSavePolicy(10, 20), MapfileSaver.OutputSync.NONE).create(map);

        assertThat(mapfile).hasContent(MapfileWriter.toText(map, HEADER.at(START.plusSeconds(3))));
        assertThat(Files.readString(mapfile)).contains("# Current time: 2026-11-27 04:31:55\n");
    }

    @Test
    void shouldSaveOnlyWhenTheIntervalHasPassed() throws IOException {
        Path mapfile = dir.resolve("m.map");
        MapfileSaver saver = saver(mapfile, MapfileSavePolicy.ddrescueDefaults(), MapfileSaver.OutputSync.NONE);
        Mapfile map = RandomMaps.mapfile(random, 3);

        assertThat(saver.maybeSave(map)).as("the first update starts the timers").isFalse();
        clock.advanceSeconds(29);
        assertThat(saver.maybeSave(map)).isFalse();
        assertThat(mapfile).doesNotExist();
        clock.advanceSeconds(1);
        assertThat(saver.maybeSave(map)).isTrue();
        assertThat(mapfile).hasContent(MapfileWriter.toText(map, HEADER.at(START.plusSeconds(30))));
    }

    /** The .bak sequence of ddrescue 1.27 with --mapfile-interval=10,20, one update every 10 s. */
    @Test
    void shouldRotateTheBackupOnlyAfterASyncSave() throws IOException {
        Path mapfile = dir.resolve("m.map");
        Path backup = dir.resolve("m.map.bak");
        MapfileSaver saver = saver(mapfile, new MapfileSavePolicy(10, 20), MapfileSaver.OutputSync.NONE);
        List<String> saved = new ArrayList<>(); // text saved at t = 10, 20, 30 ...
        saver.maybeSave(RandomMaps.mapfile(random, 2));

        for (int t = 10; t <= 50; t += 10) {
            clock.advanceSeconds(10);
            Mapfile map = RandomMaps.mapfile(random, 2 + random.nextInt(4));
            assertThat(saver.maybeSave(map)).isTrue();
            saved.add(Files.readString(mapfile));
        }
        // t=10 save, 20 sync, 30 save (rotates 20), 40 sync, 50 save (rotates 40)
        assertThat(backup).hasContent(saved.get(3));

        clock.advanceSeconds(1);
        saver.forceSave(RandomMaps.mapfile(random, 2)); // after a non-sync save: no rotation
        assertThat(backup).hasContent(saved.get(3));
        String forced = Files.readString(mapfile);
        clock.advanceSeconds(1);
        saver.forceSave(RandomMaps.mapfile(random, 2));
        assertThat(backup).hasContent(forced);
    }

    @Test
    void shouldNotCreateABackupBeforeTheFirstSyncSave() throws IOException {
        Path mapfile = dir.resolve("m.map");
        MapfileSaver saver = saver(mapfile, new MapfileSavePolicy(10, 20), MapfileSaver.OutputSync.NONE);
        saver.create(RandomMaps.mapfile(random, 2));
        saver.maybeSave(RandomMaps.mapfile(random, 2));

        clock.advanceSeconds(10);
        saver.maybeSave(RandomMaps.mapfile(random, 2));
        clock.advanceSeconds(10);
        saver.maybeSave(RandomMaps.mapfile(random, 2)); // the first sync save

        assertThat(dir.resolve("m.map.bak")).doesNotExist();
    }

    @Test
    void shouldSyncTheOutputBeforeEachSaveWhileTheOldMapfileIsStillInPlace() throws IOException {
        Path mapfile = dir.resolve("m.map");
        List<String> seenAtSync = new ArrayList<>();
        MapfileSaver saver = saver(mapfile, new MapfileSavePolicy(10, 20),
                () -> seenAtSync.add(Files.exists(mapfile) ? Files.readString(mapfile) : "none"));
        saver.create(RandomMaps.mapfile(random, 2));
        String created = Files.readString(mapfile);

        saver.maybeSave(RandomMaps.mapfile(random, 2));
        clock.advanceSeconds(5);
        saver.maybeSave(RandomMaps.mapfile(random, 2));
        assertThat(seenAtSync).as("no save, no output sync").isEmpty();

        clock.advanceSeconds(5);
        saver.maybeSave(RandomMaps.mapfile(random, 2));
        String first = Files.readString(mapfile);
        saver.forceSave(RandomMaps.mapfile(random, 2));

        assertThat(seenAtSync).containsExactly(created, first);
    }

    @Test
    void shouldSaveNothingWhenTheOutputSyncFails() throws IOException {
        Path mapfile = dir.resolve("m.map");
        boolean[] outputFails = {true};
        MapfileSaver saver = saver(mapfile, new MapfileSavePolicy(10, 20), () -> {
            if (outputFails[0]) {
                throw new IOException("out.img: Input/output error");
            }
        });
        saver.create(RandomMaps.mapfile(random, 2));
        String created = Files.readString(mapfile);
        saver.maybeSave(RandomMaps.mapfile(random, 2));
        clock.advanceSeconds(10);

        assertThatThrownBy(() -> saver.maybeSave(RandomMaps.mapfile(random, 2)))
                .hasMessage("out.img: Input/output error");
        assertThat(mapfile).hasContent(created);

        outputFails[0] = false;
        assertThat(saver.maybeSave(RandomMaps.mapfile(random, 2))).as("tried again at once").isTrue();
    }

    @Test
    void shouldKeepTheOldMapfileAndTryAgainWhenASaveFails() throws IOException {
        Path mapfile = dir.resolve("m.map");
        saver(mapfile, new MapfileSavePolicy(10, 20), MapfileSaver.OutputSync.NONE).create(RandomMaps.mapfile(random, 2));
        String created = Files.readString(mapfile);
        // events of a save: delete stale temp, create, write call, then bytes; fail at byte 40
        MapfileSaver failing = new MapfileSaver(mapfile, HEADER, new MapfileSavePolicy(10, 20), clock,
                MapfileSaver.OutputSync.NONE, new MapfileFiles(new FaultyFileOps(43, FaultyFileOps.Mode.THROW, true)));
        failing.maybeSave(RandomMaps.mapfile(random, 2));
        clock.advanceSeconds(10);

        FileSystemException e = catchThrowableOfType(FileSystemException.class,
                () -> failing.maybeSave(RandomMaps.mapfile(random, 2)));

        assertThat(e).hasMessageStartingWith(mapfile + ": Error writing mapfile: injected fault: write at byte 40");
        assertThat(mapfile).hasContent(created);
        assertThat(names()).containsExactly("m.map");
        Mapfile retried = RandomMaps.mapfile(random, 2);
        assertThat(failing.maybeSave(retried)).isTrue();
        assertThat(mapfile).hasContent(MapfileWriter.toText(retried, HEADER.at(START.plusSeconds(10))));
    }

    @Test
    void shouldWriteAMapManyWriteChunksLong() throws IOException {
        // larger than the write chunk many times over, to cover the chunked write loop
        Path mapfile = dir.resolve("big.map");
        Mapfile map = RandomMaps.mapfile(random, 100_000);

        saver(mapfile, new MapfileSavePolicy(10, 20), MapfileSaver.OutputSync.NONE).forceSave(map);

        byte[] expected = MapfileWriter.toText(map, HEADER.at(START)).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(mapfile).hasBinaryContent(expected);
    }

    private MapfileSaver saver(Path mapfile, MapfileSavePolicy policy, MapfileSaver.OutputSync outputSync) {
        return new MapfileSaver(mapfile, HEADER, policy, clock, outputSync);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
