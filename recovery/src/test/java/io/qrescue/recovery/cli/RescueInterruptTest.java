package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.MapfileReader;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue rescue} stopped by SIGTERM in the middle of a round (the volumes round: on this small fixture the
 * metadata rounds' reads already cover most file data): it ends as killed by the signal, progress.json lists the files
 * already complete, and the rerun continues in the same round without reading again anything that was finished.
 */
@Tag("integration")
class RescueInterruptTest {

    private static final Path JAR = Path.of("target/qrescue.jar");

    @TempDir
    Path dir;

    @Test
    void aTerminatedJobListsTheCompleteFilesAndItsRerunContinuesTheRound() throws Exception {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        Path disk = VolumeFixtures.unpack("md10-single", "disk.img.gz", dir);
        // slow reads (20 ms each) keep the volumes round (about 190 reads) running long enough to be stopped in it
        long size = Files.size(disk);
        Path faults = Files.writeString(dir.resolve("faults.txt"), "slow 0 " + size + " latency=20ms\n");
        Path work = dir.resolve("job");
        Process child = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "rescue", "-q",
                "--vm=never", "--simulate=" + faults, disk.toString(), work.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (child.isAlive() && System.nanoTime() < deadline
                && !Files.readString(dir.resolve("child.log")).contains("== volumes: imaging the rest")) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        assertThat(child.isAlive()).as("still in the volumes round").isTrue();
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start().waitFor(10,
                TimeUnit.SECONDS)).isTrue();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("child.log"));
        assertThat(child.exitValue()).as(log).isEqualTo(143);

        // the interrupted run's report: progress.json names the files complete when it stopped
        String progress = Files.readString(work.resolve("progress.json"));
        Set<String> completeWhenStopped = completeFiles(progress);
        assertThat(completeWhenStopped).as(progress).isNotEmpty();
        BlockMap saved = MapfileReader.read(work.resolve("disk.map"), null).blocks();
        assertThat(saved.toList()).anyMatch(b -> b.status() == BlockStatus.NON_TRIED);
        List<Path> before = logs(work);

        // the rerun continues in the files round and reads nothing that was finished
        Process rerun = new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "rescue", "-q",
                "--vm=never", "--simulate=" + faults, disk.toString(), work.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("rerun.log").toFile())
                .start();
        assertThat(rerun.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(rerun.exitValue()).as(Files.readString(dir.resolve("rerun.log"))).isZero();
        List<Path> after = new ArrayList<>(logs(work));
        after.removeAll(before);
        assertThat(after).isNotEmpty();
        // the round the signal stopped (the volumes round, or the disk round on a fast machine) goes on first
        String stopped = before.get(before.size() - 1).getFileName().toString();
        String round = stopped.substring(stopped.lastIndexOf('-'));
        assertThat(round).isIn("-volumes.log", "-disk.log");
        assertThat(after.get(0).getFileName().toString()).endsWith(round);
        assertThat(after).noneMatch(p -> p.getFileName().toString().endsWith("-metadata.log")
                || p.getFileName().toString().endsWith("-files.log"));
        Readability finishedBefore = Readability.of(saved);
        for (Path p : after) {
            try (BufferedReader r = Files.newBufferedReader(p)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("0x")) {
                        String[] f = line.split("\t");
                        long pos = Long.parseLong(f[0].substring(2), 16);
                        long len = Long.parseLong(f[1]);
                        assertThat(finishedBefore.isReadable(pos, len)).as("read again: " + line).isFalse();
                    }
                }
            }
        }
        Set<String> completeAtEnd = completeFiles(Files.readString(work.resolve("progress.json")));
        assertThat(completeAtEnd).containsAll(completeWhenStopped);
        assertThat(completeWhenStopped).contains("vg1/lv1/pattern-1MiB.txt", "vg1/lv2/readme.txt");
        String report = Files.readString(work.resolve("report.json"));
        assertThat(report).contains("\"bytesReadWhenFilesComplete\": ").doesNotContain(
                "\"bytesReadWhenFilesComplete\": null");
    }

    private static List<Path> logs(Path work) throws Exception {
        Path reads = work.resolve("reads");
        if (!Files.isDirectory(reads)) {
            return List.of();
        }
        try (var files = Files.list(reads)) {
            return files.sorted().toList();
        }
    }

    private static Set<String> completeFiles(String progressJson) {
        Set<String> out = new TreeSet<>();
        Matcher volume = Pattern.compile("\"volume\": \"([^\"]+)\".*?\"complete\": \\[([^\\]]*)\\]").matcher(progressJson);
        while (volume.find()) {
            Matcher name = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(volume.group(2));
            while (name.find()) {
                out.add(volume.group(1) + "/" + name.group(1));
            }
        }
        return out;
    }
}
