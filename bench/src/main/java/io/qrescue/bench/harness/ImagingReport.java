package io.qrescue.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the raw runs of {@code bench/scripts/imaging.sh} into a Markdown table of medians, MB/s and the ratios
 * against {@code ddrescue -d} and the fio read limit, and checks the imaging goals (at least 0.9 of the fio limit
 * and at least 1.5 times {@code ddrescue -d}).
 *
 * <p>Usage: {@code ImagingReport RAW_TSV SOURCE_BYTES HEADER_MD OUTPUT_MD}. The TSV has a header line and the
 * columns id, label, round, seconds, user_s, sys_s, exit; failed runs (exit not 0) are listed, not counted.
 */
public final class ImagingReport {

    /** The run every rate is compared with: GNU ddrescue with O_DIRECT and its default 64 KiB clusters. */
    static final String DDRESCUE_ID = "ddrescue-d";
    /** The read limit of the disk: fio, O_DIRECT, 1 MiB, libaio, queue depth 16. */
    static final String LIMIT_ID = "fio-qd16";
    static final double GOAL_OF_LIMIT = 0.9;
    static final double GOAL_OVER_DDRESCUE = 1.5;

    private ImagingReport() {
    }

    /** The runs of one configuration, in file order. */
    record Config(String id, String label, List<Double> seconds, List<Double> cpuSeconds, List<Integer> rounds,
            int failures) {

        /** Seconds of the run in {@code round}, or NaN if that run failed or is missing. */
        double secondsInRound(int round) {
            int i = rounds.indexOf(round);
            return i < 0 ? Double.NaN : seconds.get(i);
        }

        double medianSeconds() {
            return median(seconds);
        }

        double medianCpuSeconds() {
            return median(cpuSeconds);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: ImagingReport RAW_TSV SOURCE_BYTES HEADER_MD OUTPUT_MD");
        }
        List<Config> configs = parse(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
        long sourceBytes = Long.parseLong(args[1]);
        String header = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[3]), header + "\n" + render(configs, sourceBytes), StandardCharsets.UTF_8);
    }

    /** Groups the TSV rows by configuration id, keeping first-seen order. */
    static List<Config> parse(List<String> lines) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, Integer> failures = new LinkedHashMap<>();
        Map<String, List<Integer>> rounds = new LinkedHashMap<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                throw new IllegalArgumentException("expected 7 tab-separated columns: " + line);
            }
            String id = f[0];
            labels.putIfAbsent(id, f[1]);
            seconds.putIfAbsent(id, new ArrayList<>());
            cpu.putIfAbsent(id, new ArrayList<>());
            failures.putIfAbsent(id, 0);
            rounds.putIfAbsent(id, new ArrayList<>());
            if (Integer.parseInt(f[6]) != 0) {
                failures.merge(id, 1, Integer::sum);
                continue;
            }
            seconds.get(id).add(Double.parseDouble(f[3]));
            rounds.get(id).add(Integer.parseInt(f[2]));
            cpu.get(id).add(parseOrNaN(f[4]) + parseOrNaN(f[5]));
        }
        List<Config> configs = new ArrayList<>();
        labels.forEach((id, label) -> configs.add(
                new Config(id, label, seconds.get(id), cpu.get(id), rounds.get(id), failures.get(id))));
        return configs;
    }

    /** The table, the goal check and the raw times. */
    static String render(List<Config> configs, long sourceBytes) {
        double ddrescueRate = rate(find(configs, DDRESCUE_ID), sourceBytes);
        double limitRate = rate(find(configs, LIMIT_ID), sourceBytes);
        Config startUp = configs.stream().filter(c -> c.id().endsWith("-start")).findFirst().orElse(null);
        double startSeconds = startUp == null ? Double.NaN : startUp.medianSeconds();
        StringBuilder md = new StringBuilder();
        md.append("Medians over the rounds; MB/s = 10^6 bytes per second of wall time, process start-up included; ")
                .append("\"w/o start-up\" subtracts the median JVM start-up run from qrescue's median. ")
                .append("CPU = user + system seconds of the process tree.\n\n")
                .append("| configuration | runs | median s | min–max s | MB/s | × ddrescue -d | of fio limit "
                        + "| MB/s w/o start-up | of fio w/o start-up | CPU s |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Config c : configs) {
            // a start-up-only run reads nothing: its time is the floor under every qrescue row, not a rate
            boolean start = c.id().endsWith("-start");
            double r = start ? Double.NaN : rate(c, sourceBytes);
            double rNoStart = start || !c.id().startsWith("qrescue") ? Double.NaN
                    : sourceBytes / (c.medianSeconds() - startSeconds) / 1e6;
            double min = c.seconds().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = c.seconds().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %s | %d%s | %s | %s–%s | %s | %s | %s | %s | %s | %s |%n",
                    c.label(), c.seconds().size(), c.failures() > 0 ? " (" + c.failures() + " failed)" : "",
                    fixed(c.medianSeconds(), 2), fixed(min, 2), fixed(max, 2), fixed(r, 0),
                    fixed(r / ddrescueRate, 2), fixed(r / limitRate, 2), fixed(rNoStart, 0),
                    fixed(rNoStart / limitRate, 2), fixed(c.medianCpuSeconds(), 2)));
        }
        Config limit = find(configs, LIMIT_ID);
        if (limit != null) {
            md.append("\n## Per round: fio time ÷ qrescue time (fraction of the limit; same round, so drift cancels)\n\n");
            for (Config c : configs) {
                if (!c.id().startsWith("qrescue") || c.id().endsWith("-file") || c.id().endsWith("-start")) {
                    continue;
                }
                List<Double> ratios = new ArrayList<>();
                for (int round : c.rounds()) {
                    double f = limit.secondsInRound(round);
                    if (!Double.isNaN(f)) {
                        ratios.add(f / c.secondsInRound(round));
                    }
                }
                md.append("- `").append(c.label()).append("`: ")
                        .append(String.join(" ", ratios.stream().map(x -> fixed(x, 2)).toList()))
                        .append(" (median ").append(fixed(median(ratios), 2)).append(")\n");
            }
        }
        md.append("\n## Goals (reads to /dev/null)\n\n");
        for (Config c : configs) {
            if (!c.id().startsWith("qrescue") || c.id().endsWith("-file") || c.id().endsWith("-start")) {
                continue;
            }
            double r = rate(c, sourceBytes);
            md.append(String.format(Locale.ROOT, "- `%s`: %s MB/s = %s of the fio limit (goal ≥ %.1f: %s), %s× ddrescue -d "
                            + "(goal ≥ %.1f: %s)%n", c.label(), fixed(r, 0), fixed(r / limitRate, 2), GOAL_OF_LIMIT,
                    verdict(r / limitRate >= GOAL_OF_LIMIT), fixed(r / ddrescueRate, 2), GOAL_OVER_DDRESCUE,
                    verdict(r / ddrescueRate >= GOAL_OVER_DDRESCUE)));
        }
        md.append("\n## All runs (seconds, in round order)\n\n");
        for (Config c : configs) {
            md.append("- ").append(c.id()).append(": ");
            md.append(String.join(" ", c.seconds().stream().map(s -> fixed(s, 2)).toList())).append('\n');
        }
        return md.toString();
    }

    private static Config find(List<Config> configs, String id) {
        return configs.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    private static double rate(Config c, long sourceBytes) {
        return c == null || c.seconds().isEmpty() ? Double.NaN : sourceBytes / c.medianSeconds() / 1e6;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
