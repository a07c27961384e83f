package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrescue.recovery.vm.TestAppliance;
import io.qrescue.recovery.vm.qemu.ImageChecksums;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue rescue} on the three members of the md10-raid5 fixture (files): the RAID5 is read in Java, no
 * recovery VM; every payload file comes back with the oracle's sha256, the members unchanged; with a bad area on
 * every member in the same stripe rows (beyond the thin pool) nothing is lost and the files still come back whole.
 */
@Tag("integration")
class RescueRaid5IT {

    @TempDir
    Path dir;

    private static String run(List<String> args, int expectedCode) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("rescue", "-q", "--accel", "tcg", "--cache",
                TestAppliance.cacheDir().toString()));
        all.addAll(args);
        TestAppliance.get(); // built (or reused) once for the whole test run
        int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        assertThat(code).as(out + "\n" + err).isEqualTo(expectedCode);
        return out.toString();
    }

    /** "sha256  vg1/lv1/path" lines of the oracle, checked against files/vg1-lv1/files/path in the work dir. */
    private static void assertEveryOracleFileIn(Path work) throws Exception {
        String oracle = VolumeFixtures.oracle("md10-raid5", "files.sha256");
        assertThat(oracle.lines()).hasSizeGreaterThan(10);
        for (String line : oracle.lines().toList()) {
            String sha = line.substring(0, 64);
            String path = line.substring(66);
            int lvEnd = path.indexOf('/', path.indexOf('/') + 1);
            Path file = work.resolve("files").resolve(path.substring(0, lvEnd).replace('/', '-')).resolve("files")
                    .resolve(path.substring(lvEnd + 1));
            assertThat(file).as(path).isRegularFile();
            assertThat(ImageChecksums.sha256(file)).as(path).isEqualTo(sha);
            assertThat(Files.readString(work.resolve("files").resolve(path.substring(0, lvEnd).replace('/', '-'))
                    .resolve("SHA256SUMS"))).contains(sha + "  " + path.substring(lvEnd + 1));
        }
    }

    @Test
    void shouldGetEveryFileOfTheRaid5BackInJava() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md10-raid5", dir);
        List<String> before = new ArrayList<>();
        for (Path m : members) {
            before.add(ImageChecksums.sha256(m));
        }
        Path work = dir.resolve("job");
        List<String> args = new ArrayList<>(members.stream().map(Path::toString).toList());
        args.add(work.toString());
        String out = run(args, ExitCodes.OK);

        assertEveryOracleFileIn(work);
        assertThat(out).contains("vg1/lv1: ").doesNotContain("recovery VM");
        String json = Files.readString(work.resolve("report.json"));
        assertThat(json).doesNotContain("copied through the recovery VM", "not mapped");
        assertThat(Files.readString(work.resolve("report.html"))).contains("map-picture-3");
        for (int i = 0; i < members.size(); i++) {
            assertThat(ImageChecksums.sha256(members.get(i))).isEqualTo(before.get(i));
        }

        // the same command again: nothing new
        assertThat(run(args, ExitCodes.OK)).contains("Nothing new since the last run");
    }

    @Test
    void shouldLoseNothingOfTheVolumesWhenEveryMemberFailsBeyondThePool() throws Exception {
        List<Path> members = VolumeFixtures.unpackAll("md10-raid5", dir);
        Path faults = dir.resolve("faults");
        // 4 KiB 56 MiB into each member's partition 3 (which starts at byte 8507392): the same stripe rows on all
        // three members, so those array bytes are lost, but they lie beyond the thin pool, outside every metadata area
        Files.writeString(faults, "bad " + (8507392L + (56L << 20)) + " 4096\n");
        Path work = dir.resolve("job");
        List<String> args = new ArrayList<>(List.of("--simulate=" + faults, "--retries=0", "--metadata-retries=0"));
        members.forEach(m -> args.add(m.toString()));
        args.add(work.toString());
        run(args, ExitCodes.OK);

        assertEveryOracleFileIn(work);
        assertThat(Files.readString(work.resolve("files/vg1-lv1/damaged-files.txt"))).doesNotContain("not known");
    }
}
