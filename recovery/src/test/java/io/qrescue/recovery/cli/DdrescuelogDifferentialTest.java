package io.qrescue.recovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrescue log} against the installed GNU ddrescuelog 1.27 on seeded random mapfiles and operations:
 * same exit code, same standard output, same messages, same files left behind.
 */
@Tag("integration")
class DdrescuelogDifferentialTest {

    private static final int MAPS = 1200;
    private static final int MUTATED = 2000;

    @TempDir
    Path tmp;

    /** Exit codes seen from GNU ddrescuelog, to show the comparisons covered successes and failures. */
    private final java.util.Map<Integer, Integer> gnuExitCodes = new TreeMap<>();
    private int gnuRunsWithOutput;

    @BeforeAll
    static void requireDdrescuelog() throws Exception {
        Process p = new ProcessBuilder("ddrescuelog", "--version").start();
        assertThat(p.waitFor()).as("GNU ddrescuelog must be installed (apt-get install gddrescue; see .ci/run)").isZero();
    }

    @Test
    void shouldMatchDdrescuelogOnRandomMapfilesAndOperations() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int seed = 0; seed < MAPS; seed++) {
            RandomMapfiles maps = new RandomMapfiles(seed);
            Random r = maps.random();
            for (int op = 0; op < 2; op++) {
                List<String> args = randomOperation(r, maps);
                // listing every block of a map of exabytes never ends, for ddrescuelog as for us
                boolean listing = args.stream().anyMatch(a -> a.startsWith("-l"));
                long maxExtent = !listing ? Long.MAX_VALUE : args.contains("1") ? 1 << 16 : 1 << 24;
                TreeMap<String, String> files = new TreeMap<>();
                files.put("a.map", maps.strict(maxExtent));
                files.put("b.map", maps.strict(r.nextBoolean() ? maxExtent : Long.MAX_VALUE));
                files.put("d.map", maps.strict());
                files.put("l.map", maps.loose());
                byte[] stdin = args.contains("-c") || args.stream().anyMatch(a -> a.startsWith("-c"))
                        ? randomBlockInput(r, args) : new byte[0];
                compared++;
                String diff = compare("seed " + seed, files, stdin, args);
                if (diff != null) {
                    mismatches.add(diff);
                }
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(2 * MAPS);
        assertThat(mismatches).as("differences from GNU ddrescuelog").isEmpty();
        assertThat(gnuExitCodes.getOrDefault(0, 0)).as("successful runs").isGreaterThan(MAPS);
        assertThat(gnuExitCodes.getOrDefault(1, 0)).as("runs ending in exit 1").isGreaterThan(20);
        assertThat(gnuRunsWithOutput).as("runs that printed something").isGreaterThan(MAPS);
    }

    @Test
    void shouldParseMutatedMapfilesLikeDdrescuelog() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (int seed = 0; seed < MUTATED; seed++) {
            RandomMapfiles maps = new RandomMapfiles(1_000_000 + seed);
            TreeMap<String, String> files = new TreeMap<>();
            files.put("m.map", maps.mutate(seed % 3 == 0 ? maps.loose() : maps.strict()));
            List<String> args = switch (seed % 4) {
                case 0, 1 -> List.of("-t", "m.map");
                case 2 -> List.of("-L", "-t", "m.map");
                default -> List.of("-C", "m.map");
            };
            String diff = compare("mutation " + seed, files, new byte[0], args);
            if (diff != null) {
                mismatches.add(diff);
            }
        }
        assertThat(mismatches).as("differences from GNU ddrescuelog").isEmpty();
        assertThat(gnuExitCodes.getOrDefault(2, 0)).as("mutations rejected as corrupt").isGreaterThan(MUTATED / 10);
        assertThat(gnuExitCodes.getOrDefault(0, 0)).as("mutations still accepted").isGreaterThan(MUTATED / 10);
    }

    private String compare(String label, TreeMap<String, String> files, byte[] stdin, List<String> args)
            throws IOException, InterruptedException {
        Path gnuDir = Files.createDirectories(tmp.resolve("gnu"));
        Path ourDir = Files.createDirectories(tmp.resolve("ours"));
        for (Path dir : List.of(gnuDir, ourDir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (var file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.ISO_8859_1);
            }
        }
        String[] argv = args.toArray(String[]::new);
        LogRun gnu = LogRun.gnu(gnuDir, stdin, argv);
        LogRun ours = LogRun.qrescue(ourDir, stdin, argv);
        gnuExitCodes.merge(gnu.exitCode(), 1, Integer::sum);
        if (!gnu.stdout().isEmpty()) {
            gnuRunsWithOutput++;
        }
        String gnuFiles = listing(gnuDir);
        String ourFiles = listing(ourDir);
        if (gnu.equals(ours) && gnuFiles.equals(ourFiles)) {
            return null;
        }
        return label + ": ddrescuelog " + String.join(" ", args) + "\n  files: " + files + "\n  gnu:  " + gnu
                + "\n  ours: " + ours + "\n  gnu files: " + gnuFiles + "\n  our files: " + ourFiles;
    }

    private static String listing(Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                text.append(p.getFileName()).append('=')
                        .append(LogRun.normalise(Files.readString(p, StandardCharsets.ISO_8859_1), dir)).append(';');
            }
        }
        return text.toString();
    }

    private static List<String> randomOperation(Random r, RandomMapfiles maps) {
        List<String> args = new ArrayList<>();
        if (r.nextInt(8) == 0) {
            args.add("-v");
        }
        if (r.nextInt(10) == 0) {
            args.add("-B");
        }
        int blockSize = new int[] {512, 512, 4096, 1000, 1, 2048}[r.nextInt(6)];
        if (r.nextInt(3) == 0) {
            args.add("-b");
            args.add(Integer.toString(blockSize));
        } else {
            blockSize = 512;
        }
        switch (r.nextInt(5)) {
            case 0 -> {
                args.add("-i");
                args.add(maps.number(r.nextInt(3) == 0 ? maps.randomPosition() : (long) r.nextInt(1 << 16) * 512));
            }
            case 1 -> {
                args.add("-s");
                args.add(Long.toString(maps.randomSize()));
            }
            case 2 -> {
                args.add("-m");
                args.add("d.map");
            }
            case 3 -> {
                args.add("-m");
                args.add("l.map");
                args.add("-L");
            }
            default -> {
            }
        }
        String types = "?*/-+";
        String someTypes = "" + types.charAt(r.nextInt(5)) + (r.nextBoolean() ? types.charAt(r.nextInt(5)) : "");
        switch (r.nextInt(16)) {
            case 0 -> args.add("-t");
            case 1 -> {
                args.add("-l" + someTypes);
                if (r.nextBoolean()) {
                    args.add("-o");
                    args.add(Long.toString((long) blockSize * r.nextInt(100)));
                }
            }
            case 2 -> {
                args.add("-l" + someTypes);
                args.add("-F");
                args.add(r.nextBoolean() ? "bitmap-le" : "bitmap-be");
            }
            case 3 -> args.add("-n");
            case 4 -> args.add("-a" + someTypes + "," + types.charAt(r.nextInt(5)));
            case 5 -> args.add("-A");
            case 6 -> args.add("-x" + "b.map");
            case 7 -> {
                args.add("-y");
                args.add("b.map");
            }
            case 8 -> args.add("--or-mapfile=b.map");
            case 9 -> {
                args.add(r.nextBoolean() ? "-p" : "-P");
                args.add(r.nextBoolean() ? "b.map" : "a.map");
            }
            case 10 -> {
                args.add(r.nextBoolean() ? "-C" : "-C" + types.charAt(r.nextInt(5)));
                args.add("l.map");
                return args;
            }
            case 11 -> args.add(r.nextBoolean() ? "-D" : "-d");
            case 12 -> {
                args.removeIf(a -> false);
                args.add("--shift");
                if (!args.contains("-i")) {
                    args.add("-o");
                    args.add(Long.toString(r.nextInt(1 << 20)));
                } else {
                    args.add("-o");
                    args.add("0");
                }
            }
            case 13 -> {
                args.add(r.nextBoolean() ? "-c" : "-c" + "+-?*/".charAt(r.nextInt(5)) + "?*/-".charAt(r.nextInt(4)));
                if (r.nextInt(3) == 0) {
                    args.add("-F");
                    args.add(r.nextBoolean() ? "bitmap-le" : "bitmap-be");
                }
                args.add(r.nextBoolean() ? "-" : "new.map");
                return args;
            }
            case 14 -> {
                args.add("-t");
                args.add("b.map");
            }
            default -> {
                args.add("-l" + someTypes);
                args.add("-i");
                args.add(Long.toString((long) blockSize * r.nextInt(64)));
                args.add("-o");
                args.add("0");
            }
        }
        args.add("a.map");
        return args;
    }

    private static byte[] randomBlockInput(Random r, List<String> args) {
        if (args.contains("bitmap-le") || args.contains("bitmap-be")) {
            byte[] bitmap = new byte[r.nextInt(40)];
            r.nextBytes(bitmap);
            return bitmap;
        }
        StringBuilder list = new StringBuilder();
        int count = r.nextInt(30);
        for (int i = 0; i < count; i++) {
            list.append(r.nextInt(10) == 0 ? "0x" + Integer.toHexString(r.nextInt(4096)) : Integer.toString(r.nextInt(300)));
            list.append(r.nextInt(5) == 0 ? "  \n\n" : "\n");
        }
        if (r.nextInt(15) == 0) {
            list.append("junk\n");
        }
        return list.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
