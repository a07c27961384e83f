package io.qrescue.imager.rescue;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.testing.MemoryMapfileSaver;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.mapfile.StatusBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 1.8: when the mapfile is saved and synced, and the simple file saver. */
class MapfileSavingTest {

    @TempDir
    Path dir;

    private final Mapfile map = new Mapfile(BlockMap.of(List.of(new StatusBlock(0, 0x1000, BlockStatus.NON_TRIED))));

    @Test
    void shouldSaveOnlyAfterTheAutomaticIntervalAndSyncOnlyAfterTheSyncInterval() {
        VirtualClock clock = new VirtualClock();
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        MapfileUpdater updater = new MapfileUpdater(saver, new MemoryOutputImage(), clock, -1, 300);
        assertThat(updater.update(map, false)).isTrue();
        clock.advanceSeconds(29);
        updater.update(map, false);
        assertThat(saver.saveCount()).isZero(); // automatic interval: 30 s for a small map
        clock.advanceSeconds(1);
        updater.update(map, false);
        assertThat(saver.saveCount()).isEqualTo(1);
        assertThat(saver.syncedSaveCount()).isZero();
        clock.advanceSeconds(270);
        updater.update(map, false);
        assertThat(saver.syncedSaveCount()).isEqualTo(1); // 300 s since the start
        updater.update(map, true);
        assertThat(saver.saveCount()).isEqualTo(3);
        assertThat(saver.syncedSaveCount()).isEqualTo(2); // a forced save is always synced
    }

    @Test
    void shouldSaveAfterEveryReadWithIntervalZero() {
        VirtualClock clock = new VirtualClock();
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        MapfileUpdater updater = new MapfileUpdater(saver, new MemoryOutputImage(), clock, 0, 300);
        updater.update(map, false);
        updater.update(map, false);
        assertThat(saver.saveCount()).isEqualTo(2);
    }

    @Test
    void shouldWriteTheMapfileThroughATemporaryFile() throws Exception {
        Path file = dir.resolve("map.map");
        Files.writeString(file, "old");
        MapfileHeader header = new MapfileHeader(MapfileHeader.RESCUE_CREATOR, "qrescue image in out map.map",
                "2026-01-01 10:00:00", null);
        new FileMapfileSaver(file, header, () -> LocalDateTime.of(2026, 1, 1, 10, 5, 0)).save(map, true);
        String text = Files.readString(file);
        assertThat(text).startsWith("# Mapfile. Created by GNU ddrescue version 1.27\n")
                .contains("# Current time: 2026-01-01 10:05:00\n").endsWith("0x00000000  0x00001000  ?\n");
        assertThat(MapfileReader.read(file, null).blocks()).isEqualTo(map.blocks());
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left behind
        }
    }
}
