package io.qrescue.imager.rescue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random test maps and option sets for {@link DdrescueDifferentialTest}. */
final class ScenarioGenerator {

    private static final long KI = 1024;
    private static final long MI = KI * KI;

    private ScenarioGenerator() {
    }

    static DdrescueDifferentialTest.Scenario next(long seed) {
        Random r = new Random(seed);
        int sectorSize = r.nextInt(4) == 0 ? 4096 : 512;
        int kind = r.nextInt(20);
        long maxSize = kind == 6 ? 2 * MI : (r.nextInt(4) == 0 ? 64 * MI : 8 * MI);
        long size = logUniform(r, 64 * KI, maxSize);
        if (r.nextInt(5) != 0) {
            size -= size % sectorSize; // most disks end on a sector boundary
        }
        size = Math.max(size, sectorSize);
        String testMap = testMap(r, size, sectorSize);
        String domainMap = null;
        List<List<String>> steps = new ArrayList<>();
        switch (kind) {
            case 0 -> steps.add(List.of());
            case 1 -> steps.add(List.of("-n"));
            case 2 -> steps.add(List.of("-N"));
            case 3 -> steps.add(List.of("-r" + (1 + r.nextInt(3))));
            case 4 -> steps.add(List.of("-R"));
            case 5 -> steps.add(List.of("-u", "-r2"));
            case 6 -> steps.add(List.of("-c1"));
            case 7 -> steps.add(r.nextBoolean() ? List.of("-K", "0")
                    : List.of("-K", (64 << r.nextInt(4)) + "Ki," + (1 << r.nextInt(4)) + "Mi"));
            case 8 -> {
                long pos = r.nextInt(3) == 0 ? 0 : align(r.nextLong(size), r.nextBoolean() ? sectorSize : 1);
                long len = 1 + r.nextLong(size);
                steps.add(List.of("-i", Long.toString(pos), "-s", Long.toString(len)));
            }
            case 9 -> {
                domainMap = domainMap(r, size);
                steps.add(r.nextBoolean() ? List.of("-m", "domain.map") : List.of("-m", "domain.map", "-R"));
            }
            case 10 -> {
                steps.add(List.of("-n", "-N"));
                steps.add(r.nextBoolean() ? List.of("-A") : List.of("-A", "-n"));
            }
            case 11 -> {
                steps.add(r.nextBoolean() ? List.of() : List.of("-n"));
                steps.add(List.of("-M"));
            }
            case 12 -> steps.add(List.of("--cpass=" + List.of("1", "2", "1,3", "2-5", "5", "1-2,5", "0").get(r.nextInt(7))));
            case 13 -> {
                steps.add(List.of("-e", Integer.toString(r.nextInt(4))));
                steps.add(List.of(r.nextBoolean() ? "-e+1" : "-r1"));
                steps.add(List.of());
            }
            case 14 -> {
                steps.add(List.of("-X", Integer.toString(r.nextInt(40))));
                steps.add(List.of());
            }
            case 15 -> {
                steps.add(List.of("-r3", "-X", Integer.toString(r.nextInt(400))));
                steps.add(List.of("-r3"));
            }
            case 16 -> {
                steps.add(List.of("-R", "-X", Integer.toString(r.nextInt(60))));
                steps.add(List.of("-R"));
            }
            case 17 -> steps.add(List.of("-c" + (1 + r.nextInt(256))));
            case 18 -> {
                steps.add(List.of("-X", Integer.toString(r.nextInt(100)), "--cpass=1"));
                steps.add(List.of("-u"));
            }
            default -> {
                steps.add(List.of("-X", Integer.toString(r.nextInt(2000))));
                steps.add(List.of("-X", Integer.toString(r.nextInt(2000))));
                steps.add(List.of("-r2"));
            }
        }
        if (sectorSize != 512) {
            List<List<String>> withSector = new ArrayList<>();
            for (List<String> step : steps) {
                List<String> args = new ArrayList<>(List.of("-b", Integer.toString(sectorSize)));
                args.addAll(step);
                withSector.add(args);
            }
            steps = withSector;
        }
        return new DdrescueDifferentialTest.Scenario(seed, size, sectorSize, testMap, domainMap, steps);
    }

    /** A strict test map: '+' everywhere but a few bad ranges of 1 sector to a few MiB. */
    private static String testMap(Random r, long size, int sectorSize) {
        int areas = r.nextInt(13);
        List<long[]> bad = new ArrayList<>();
        for (int i = 0; i < areas; i++) {
            long unit = r.nextInt(6) == 0 ? 1 : sectorSize; // sometimes not sector aligned
            long pos = align(r.nextLong(size), unit);
            long len = switch (r.nextInt(3)) {
                case 0 -> sectorSize;
                case 1 -> sectorSize * (2 + r.nextInt(127));
                default -> logUniform(r, 64 * KI, 4 * MI);
            };
            if (unit == 1) {
                len = 1 + r.nextLong(len);
            }
            bad.add(new long[] {pos, Math.min(size, pos + len)});
        }
        if (r.nextInt(8) == 0) { // a bad tail: the apparent size shrinks
            bad.add(new long[] {Math.max(0, size - logUniform(r, sectorSize, 256 * KI)), size});
        }
        bad.sort((a, b) -> Long.compare(a[0], b[0]));
        StringBuilder text = new StringBuilder("# test map\n0x00000000     ?               1\n");
        long at = 0;
        boolean readable = false;
        for (long[] range : bad) {
            long start = Math.max(range[0], at);
            if (start >= range[1]) {
                continue;
            }
            if (start > at) {
                text.append(line(at, start - at, '+'));
                readable = true;
            }
            text.append(line(start, range[1] - start, r.nextInt(4) == 0 ? '*' : '-'));
            at = range[1];
        }
        if (at < size) {
            text.append(line(at, size - at, '+'));
            readable = true;
        }
        // without any readable byte the apparent size is 0 and ddrescue would read an endless device
        return readable ? text.toString() : "0x00000000     ?               1\n" + line(0, size, '+');
    }

    /** A domain map: random '+' and '?' stretches covering the input. */
    private static String domainMap(Random r, long size) {
        StringBuilder text = new StringBuilder("0x00000000     +               1\n");
        long at = 0;
        boolean in = r.nextBoolean();
        while (at < size) {
            long len = Math.min(size - at, align(logUniform(r, 512, Math.max(1024, size / 3)), 512));
            text.append(line(at, len, in ? '+' : '?'));
            at += len;
            in = !in;
        }
        return text.toString();
    }

    private static String line(long pos, long size, char status) {
        return String.format("0x%08X  0x%08X  %c%n", pos, size, status);
    }

    private static long logUniform(Random r, long min, long max) {
        double v = Math.exp(Math.log(min) + r.nextDouble() * (Math.log(max) - Math.log(min)));
        return Math.max(min, Math.min(max, (long) v));
    }

    private static long align(long value, long unit) {
        return value - value % unit;
    }
}
