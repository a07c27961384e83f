package io.qrescue.recovery.cli.image;

import io.qrescue.recovery.imaging.ImagingRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue image}'s argument layer against the installed GNU ddrescue 1.27 on seeded random command
 * lines: where ddrescue refuses, we refuse with the same exit code and the same standard error; where ddrescue
 * accepts, we accept. Every line carries {@code -s0} so an accepted one makes ddrescue stop at "Nothing to do"
 * before it opens the outfile; the few checks ddrescue makes after that point need the input size or the
 * mapfile's contents, belong to the engine, and are recognised by their messages.
 */
@Tag("integration")
class ImageDifferentialTest {

    /** How many random command lines; -Dqrescue.image.commandLines=N for a longer hunt. */
    private static final int COMMAND_LINES = Integer.getInteger("qrescue.image.commandLines", 800);
    private static final String NOTHING_TO_DO = "ddrescue: Nothing to do; domain is empty.\n";

    /** ddrescue's refusals that come after the argument layer (they need the input size or the mapfile). */
    private static List<Pattern> engineRefusals(ImagingRequest a) {
        return List.of(
                Pattern.compile("ddrescue: Can't start reading at pos .*\n {10}Input file is only .* bytes long.\n"),
                Pattern.compile("ddrescue: Can't verify input file size.\n {10}Mapfile is unfinished or missing, "
                        + "or size is invalid.\n"),
                Pattern.compile("ddrescue: Nothing to complete; mapfile is missing or empty.\nTry 'ddrescue --help' "
                        + "for more information.\n"),
                Pattern.compile("ddrescue: " + Pattern.quote(a.inputFile()) + ": Can't open input file: .*\n"),
                Pattern.compile("ddrescue: " + Pattern.quote(a.mapfile().orElse("")) + ": Mapfile does not exist "
                        + "or is not readable.\n"));
    }

    @TempDir
    Path tmp;

    private int directories;

    @BeforeAll
    static void requireDdrescue() throws Exception {
        Process p = new ProcessBuilder("ddrescue", "--version").start();
        assertThat(p.waitFor()).as("GNU ddrescue must be installed (apt-get install gddrescue; see .ci/run)").isZero();
    }

    @Test
    void shouldAcceptAndRefuseExactlyAsDdrescueDoes() throws Exception {
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int seed = 0; seed < COMMAND_LINES; seed++) {
            List<String> args = new RandomDdrescueCommandLines(seed).next();
            String[] argv = args.toArray(String[]::new);
            Gnu gnu = Gnu.run(freshDirectory(), argv);
            ImageRun ours = ImageRun.in(freshDirectory(), argv);
            String outcome = compare(gnu, ours);
            if (outcome == null && ours.launched() && ours.request().options().verbosity() < 0 && gnu.exitCode == 1) {
                // -q hides why ddrescue stopped; one more -v shows it
                List<String> louder = new ArrayList<>(args);
                louder.add(louder.indexOf("-s0"), "-v");
                ImageRun oursLouder = ImageRun.in(freshDirectory(), louder.toArray(String[]::new));
                outcome = compare(Gnu.run(freshDirectory(), louder.toArray(String[]::new)), oursLouder);
            }
            if (outcome == null) {
                mismatches.add("seed " + seed + ": ddrescue " + String.join(" ", args) + "\n  gnu:  exit "
                        + gnu.exitCode + " " + gnu.stderr.replace("\n", "\\n") + "\n  ours: exit " + ours.exitCode()
                        + " " + ours.stderr().replace("\n", "\\n"));
            } else {
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        assertThat(mismatches).as("differences from GNU ddrescue").isEmpty();
        // the random lines must exercise both sides: refusals of every kind and accepted lines
        assertThat(outcomes.getOrDefault("refused alike", 0)).isGreaterThan(COMMAND_LINES / 3);
        assertThat(outcomes.getOrDefault("accepted alike", 0)).isGreaterThan(COMMAND_LINES / 10);
    }

    /** How the two runs agree, or null if they do not. */
    private static String compare(Gnu gnu, ImageRun ours) {
        if (!ours.launched()) {
            return gnu.exitCode == ours.exitCode() && gnu.stderr.equals(ours.stderr()) ? "refused alike" : null;
        }
        // we accepted: ddrescue must have got past its own checks too, printing the same warnings first
        if (!gnu.stderr.startsWith(ours.stderr())) {
            return null;
        }
        String after = gnu.stderr.substring(ours.stderr().length());
        boolean quiet = ours.request().options().verbosity() < 0;
        if (gnu.exitCode == 0 && after.equals(quiet ? "" : NOTHING_TO_DO)) {
            return "accepted alike";
        }
        if (gnu.exitCode == 1 && !quiet
                && engineRefusals(ours.request()).stream().anyMatch(p -> p.matcher(after).matches())) {
            return "accepted, refused later by ddrescue's engine";
        }
        return null;
    }

    /** A new directory with the files the random command lines name; each run gets its own. */
    private Path freshDirectory() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("run" + ++directories));
        Files.write(dir.resolve("in"), new byte[4096]);
        Files.writeString(dir.resolve("map"), "0x0 + 1\n0x0 0x1000 +\n");
        Files.writeString(dir.resolve("dom.map"), "0x0 + 1\n0x0 0x200 ?\n0x200 0xE00 +\n");
        Files.writeString(dir.resolve("gaps.map"), "0x0 + 1\n0x0 0x800 +\n0x1000 0x800 +\n");
        Files.createLink(dir.resolve("hard"), dir.resolve("in"));
        Files.createDirectory(dir.resolve("dir"));
        return dir;
    }

    /** One run of the installed ddrescue in {@code dir}, standard input empty. */
    private record Gnu(int exitCode, String stderr) {
        static Gnu run(Path dir, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add("ddrescue");
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ddrescue hung: " + command);
            }
            return new Gnu(process.exitValue(), new String(err, StandardCharsets.UTF_8));
        }
    }
}
