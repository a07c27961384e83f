package io.qrescue.mapfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test with real kills: a child JVM ({@link SaveLoopMain}) saves a growing mapfile in a loop and is
 * killed with SIGKILL at seeded random moments, then restarted on the same files. After each kill the mapfile
 * and its backup parse and claim no more finished bytes than the child recorded as written. Meanwhile a
 * poller thread reads the mapfile without pause and must never see a partial file, a missing file, or a
 * claim going backwards.
 */
@Tag("integration")
class MapfileSaverCrashTest {

    private static final long SEED = 0xC0FFEE_2026L;
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldKeepAValidConservativeMapfileWhenKilledAtAnyMoment() throws Exception {
        Path mapfile = dir.resolve(SaveLoopMain.MAPFILE);
        Path backup = MapfileFiles.backupOf(mapfile);
        Path writtenLog = dir.resolve(SaveLoopMain.WRITTEN_LOG);
        Random random = new Random(SEED);
        Poller poller = new Poller(mapfile);
        Thread pollerThread = new Thread(poller, "mapfile-poller");
        pollerThread.start();
        boolean created = false;
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                Path log = dir.resolve("child-" + kill + ".log");
                Process child = startChild(random.nextLong(), log);
                long linesBefore = lines(writtenLog);
                waitUntilSaving(child, writtenLog, linesBefore, log);
                Thread.sleep(random.nextInt(400));
                assertThat(child.isAlive()).as("child %d still running: %s", kill, Files.readString(log)).isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

                assertThat(temporaries()).as("kill %d: only the last child's temporaries are left", kill)
                        .allMatch(name -> name.endsWith("-" + child.pid()));
                long written = maxWritten(writtenLog);
                if (!Files.exists(mapfile)) {
                    assertThat(created).as("kill %d: the mapfile, once created, never goes missing", kill).isFalse();
                    continue; // killed before its first save was complete: nothing claimed
                }
                created = true;
                long claimed = claimOf(mapfile);
                assertThat(claimed).as("kill %d: claimed <= written", kill).isLessThanOrEqualTo(written);
                if (Files.exists(backup)) {
                    long backupClaim = claimOf(backup);
                    assertThat(backupClaim).as("kill %d: backup older than the mapfile", kill)
                            .isLessThanOrEqualTo(claimed);
                }
            }
        } finally {
            poller.stop.set(true);
            pollerThread.join();
        }
        assertThat(poller.failures).isEmpty();
        assertThat(poller.reads.get()).as("the poller saw saves happen").isGreaterThan(KILLS);
        assertThat(backup).exists();
    }

    /** The finished bytes a complete mapfile of the child claims; an empty or cut file fails. */
    private static long claimOf(Path file) throws MapfileException {
        Mapfile map = MapfileReader.read(file, null);
        if (map.blocks().extent().end() != SaveLoopMain.DEVICE_SIZE) {
            throw new MapfileException(file + ": does not cover the device: " + map, MapfileException.CORRUPT);
        }
        return SaveLoopMain.finishedBytes(map);
    }

    private List<String> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.contains(".tmp-")).toList();
        }
    }

    private Process startChild(long seed, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveLoopMain.class.getName(),
                dir.toString(), Long.toString(seed))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the child has recorded a new claim, that is, it is inside its save loop. */
    private static void waitUntilSaving(Process child, Path writtenLog, long linesBefore, Path log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(writtenLog) <= linesBefore) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                fail("child did not start saving: " + Files.readString(log));
            }
            Thread.sleep(5);
        }
    }

    private static long lines(Path writtenLog) throws IOException {
        if (!Files.exists(writtenLog)) {
            return 0;
        }
        return Files.readString(writtenLog, StandardCharsets.US_ASCII).chars().filter(c -> c == '\n').count();
    }

    /** The largest claim recorded on a complete line (the kill may cut the last line). */
    private static long maxWritten(Path writtenLog) throws IOException {
        String text = Files.readString(writtenLog, StandardCharsets.US_ASCII);
        long max = 0;
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            max = Math.max(max, Long.parseLong(line));
        }
        return max;
    }

    /** Reads the mapfile in a loop; once it exists it must always be there, parse, and never lose claims. */
    private static final class Poller implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong reads = new AtomicLong();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final Path mapfile;

        Poller(Path mapfile) {
            this.mapfile = mapfile;
        }

        @Override
        public void run() {
            boolean seen = false;
            long lastClaim = 0;
            while (!stop.get() && failures.size() < 10) {
                try {
                    long claim = claimOf(mapfile);
                    if (claim < lastClaim) {
                        failures.add("claim went back from " + lastClaim + " to " + claim);
                    }
                    lastClaim = claim;
                    seen = true;
                    reads.incrementAndGet();
                } catch (MapfileException e) {
                    if (seen || e.exitCode() != MapfileException.ENVIRONMENT) {
                        failures.add(e.getMessage());
                    }
                }
            }
        }
    }
}
