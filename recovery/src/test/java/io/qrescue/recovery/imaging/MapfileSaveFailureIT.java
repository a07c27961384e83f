package io.qrescue.recovery.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.imager.output.OutputImage;
import io.qrescue.imager.rescue.ReadEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.mapfile.MapfileSaveFailure;
import io.qrescue.recovery.testing.FakeDeviceCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mapfile save that fails, on a real file system: the mapfile lives on a small tmpfs that is full, or that goes
 * read-only during the run (as ext4 does with errors=remount-ro). The run stops as ddrescue does with the cause
 * named, the mapfile on disk is the last good one, and ddrescue's three answers on a terminal work: retry after
 * the problem is fixed, emergency save to ./ddrescue.map, abort.
 */
@Tag("integration")
@EnabledOnOs(OS.LINUX)
class MapfileSaveFailureIT {

    private static final int SIZE = 1 << 20;
    /** Every other sector readable: the rescued map has 2048 blocks, about 53 KB of text. */
    private static final String HOLES = holes();

    @TempDir
    Path dir;
    private Path mount;
    private Path map;
    private String lastGood;
    private final List<String> messages = new ArrayList<>();
    private final List<MapfileSaveFailure> failures = new ArrayList<>();

    @BeforeEach
    void files() throws Exception {
        byte[] data = new byte[SIZE];
        new Random(3).nextBytes(data);
        Files.write(dir.resolve("disk.img"), data);
        Files.writeString(dir.resolve("holes.map"), HOLES);
        mount = Files.createDirectories(dir.resolve("maps"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", mount.toString()) == 0,
                "needs root to mount a small tmpfs");
        map = mount.resolve("disk.map");
        lastGood = "# Mapfile. Created by GNU ddrescue version 1.27\n0x00000000     ?               1\n"
                + "0x00000000  0x00100000  ?\n";
        Files.writeString(map, lastGood);
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", mount.toString());
    }

    @Test
    void shouldStopWithTheCauseAndKeepTheLastGoodMapWhenTheDiskIsFull() throws Exception {
        ImagingResult result = rescue(failure -> MapfileSaveFailure.Choice.ABORT, null);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(failures).singleElement().satisfies(f -> assertThat(f.cause().getMessage())
                .contains("No space left on device"));
        assertThat(messages).anyMatch(m -> m.equals("maps/disk.map: Error writing mapfile: "
                + "No space left on device"));
        assertThat(Files.readString(map)).isEqualTo(lastGood);
        try (var left = Files.list(mount)) {
            assertThat(left.toList()).as("no temporary file left behind")
                    .containsExactlyInAnyOrder(map, mount.resolve("disk.map.source"));
        }
    }

    @Test
    void shouldStopWithTheCauseWhenTheDirectoryGoesReadOnly() throws Exception {
        run("mount", "-o", "remount,size=1m", mount.toString());
        AtomicBoolean remounted = new AtomicBoolean();
        ImagingResult result = rescue(failure -> MapfileSaveFailure.Choice.ABORT, () -> {
            if (remounted.compareAndSet(false, true)) {
                mountOption("remount,ro");
            }
        });

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(messages).anyMatch(m -> m.equals("maps/disk.map: Error writing mapfile: Read-only file system"));
        assertThat(Files.readString(map)).isEqualTo(lastGood);
    }

    @Test
    void shouldSaveTheMapInTheWorkingDirectoryOnAnEmergencySave() throws Exception {
        ImagingResult result = rescue(failure -> MapfileSaveFailure.Choice.EMERGENCY_SAVE, null);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(Files.readString(map)).isEqualTo(lastGood);
        Path emergency = dir.resolve("ddrescue.map");
        assertThat(messages).anyMatch(m -> m.endsWith("; the map was saved to " + emergency));
        assertThat(Files.readString(emergency)).contains("0x00000000  0x00000200  +\n0x00000200  0x00000200  -\n");
    }

    @Test
    void shouldFinishWhenTheProblemIsFixedAndTheUserRetries() throws Exception {
        ImagingResult result = rescue(failure -> {
            mountOption("remount,size=1m"); // the user makes room
            return MapfileSaveFailure.Choice.RETRY;
        }, null);

        assertThat(result.exitCode()).isZero();
        assertThat(failures).hasSize(1);
        assertThat(Files.readString(map)).contains("0x00000200  0x00000200  -\n").hasSizeGreaterThan(50_000);
    }

    /** Rescues disk.img through the -H map into out.img with the mapfile on the tmpfs; {@code firstRead} runs once. */
    private ImagingResult rescue(MapfileSaveFailure.Handler handler, Runnable firstRead) {
        var options = io.qrescue.imager.rescue.RescueOptions.builder().testModeMapfile(java.util.Optional.of(
                "holes.map")).build();
        ImagingRequest request = new ImagingRequest("disk.img", "out.img", java.util.Optional.of("maps/disk.map"),
                options, QrescueOptions.NONE, "qrescue test");
        ImagingDisplay display = new ImagingDisplay() {
            @Override
            public void message(String text) {
                messages.add(text);
            }

            @Override
            public void line(String text) {
                messages.add(text);
            }

            @Override
            public RescueListener rescue(ImagingRequest r, OutputImage output, boolean existed) {
                return new RescueListener() {
                    @Override
                    public void readDone(ReadEvent event) {
                        if (firstRead != null) {
                            firstRead.run();
                        }
                    }
                };
            }

            @Override
            public MapfileSaveFailure.Choice mapfileSaveFailed(MapfileSaveFailure failure) {
                failures.add(failure);
                return handler.decide(failure);
            }
        };
        FakeDeviceCatalog catalog = new FakeDeviceCatalog();
        return new Imaging(catalog, () -> catalog).run(request,
                new ImagingIo(InputStream.nullInputStream(), OutputStream.nullOutputStream(), dir), display, false);
    }

    private static String holes() {
        StringBuilder b = new StringBuilder("0 + 1\n");
        for (int pos = 0; pos < SIZE; pos += 1024) {
            b.append(String.format("0x%X 0x200 +%n0x%X 0x200 -%n", pos, pos + 512));
        }
        return b.toString();
    }

    private void mountOption(String option) {
        try {
            assertThat(run("mount", "-o", option, mount.toString())).isZero();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
