package io.qrescue.bench.harness;

import io.qrescue.recovery.source.ByteArraySource;
import io.qrescue.recovery.stack.thin.BlockKind;
import io.qrescue.recovery.stack.thin.BlockRole;
import io.qrescue.recovery.stack.thin.SalvagedDevice;
import io.qrescue.recovery.stack.thin.SalvagedPool;
import io.qrescue.recovery.stack.thin.ThinDumpXml;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import io.qrescue.recovery.stack.thin.ThinSalvage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The salvage damage campaign: for each pool (made by {@link ThinChurnPools}: metadata LV, its intact thin_dump, what
 * LVM says), many trials per damage class zero 1..32 metadata blocks of that class in a copy, then run
 * {@code thin_dump --repair} and {@code thin_repair} (thin-provisioning-tools on the host, given LVM's transaction id,
 * data block size and data block count as overrides) and qrescue's {@link ThinSalvage} on identical copies. Every
 * (device, virtual block) of the intact dump is scored correct, wrong or missing for each tool (a mapping the intact
 * dump lacks counts wrong); qrescue's correct and wrong are split into verified and marked (in doubt). A tool that
 * exits non-zero recovers nothing in that trial (its failures are counted).
 *
 * <p>Usage: {@code ThinSalvageCampaign POOLDIR TRIALS_PER_CLASS [SEED]}; prints a markdown table and writes
 * POOLDIR/campaign.tsv with every trial.
 */
public final class ThinSalvageCampaign {

    /** A damage class: a name and the blocks of an intact pool it may zero. */
    private record DamageClass(String name, List<Long> blocks, boolean withSuperblock) {
    }

    /**
     * Mappings correct, wrong, missing, plus for qrescue correct-marked and wrong-marked, and failed runs; the bytes
     * of the correct mappings; volumes (devices of the intact dump), those that came back whole (every mapping
     * correct, none wrong) and, for qrescue, whole with nothing marked (extracted with exit 0).
     */
    private static final class Score {
        long correct;
        long wrong;
        long missing;
        long correctMarked;
        long wrongMarked;
        long failed;
        long correctBytes;
        long correctMarkedBytes;
        long volumes;
        long volumesWhole;
        long volumesUnmarked;

        void add(Score o) {
            correct += o.correct;
            wrong += o.wrong;
            missing += o.missing;
            correctMarked += o.correctMarked;
            wrongMarked += o.wrongMarked;
            failed += o.failed;
            correctBytes += o.correctBytes;
            correctMarkedBytes += o.correctMarkedBytes;
            volumes += o.volumes;
            volumesWhole += o.volumesWhole;
            volumesUnmarked += o.volumesUnmarked;
        }
    }

    private record Pool(String name, byte[] tmeta, ThinDumpXml intact, ThinSalvage.Hints hints) {

        long dataBlockBytes() {
            return hints.dataBlockSizeSectors() * 512;
        }
    }

    private ThinSalvageCampaign() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ThinSalvageCampaign POOLDIR TRIALS_PER_CLASS [SEED]");
        }
        Path dir = Path.of(args[0]);
        int trials = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        List<Pool> pools = new ArrayList<>();
        for (Path t : Files.list(dir).filter(p -> p.toString().endsWith(".tmeta")).sorted().toList()) {
            String base = t.getFileName().toString().replace(".tmeta", "");
            pools.add(new Pool(base, Files.readAllBytes(t),
                    ThinDumpXml.parse(Files.readString(dir.resolve(base + ".xml"))),
                    hints(Files.readString(dir.resolve(base + ".hints")))));
        }
        Map<String, Score[]> totals = new LinkedHashMap<>();
        StringBuilder tsv = new StringBuilder("pool\tclass\ttrial\tzeroed\ttool\tcorrect\twrong\tmissing\tcorrect_marked"
                + "\twrong_marked\tfailed\n");
        Path work = Files.createTempDirectory("thin-campaign");
        long mappings = 0;
        for (Pool pool : pools) {
            mappings += pool.intact().mappings.values().stream().mapToLong(Map::size).sum();
            Random r = new Random(seed ^ pool.name().hashCode());
            for (DamageClass c : classes(pool.tmeta())) {
                if (c.blocks().isEmpty() && !c.withSuperblock()) {
                    continue;
                }
                for (int t = 0; t < trials; t++) {
                    TreeSet<Long> zero = pick(c, r);
                    byte[] broken = pool.tmeta().clone();
                    for (long b : zero) {
                        java.util.Arrays.fill(broken, (int) (b * 4096), (int) (b * 4096 + 4096), (byte) 0);
                    }
                    Path file = work.resolve("broken.tmeta");
                    Files.write(file, broken);
                    Score[] s = {thinDumpRepair(file, pool), thinRepair(file, work, pool), qrescue(broken, pool)};
                    Score[] sum = totals.computeIfAbsent(c.name(), k -> new Score[] {new Score(), new Score(),
                            new Score()});
                    String[] tools = {"thin_dump --repair", "thin_repair", "qrescue"};
                    for (int i = 0; i < 3; i++) {
                        sum[i].add(s[i]);
                        tsv.append(pool.name()).append('\t').append(c.name()).append('\t').append(t).append('\t')
                                .append(zero).append('\t').append(tools[i]).append('\t').append(s[i].correct)
                                .append('\t').append(s[i].wrong).append('\t').append(s[i].missing).append('\t')
                                .append(s[i].correctMarked).append('\t').append(s[i].wrongMarked).append('\t')
                                .append(s[i].failed).append('\n');
                    }
                }
            }
        }
        Files.deleteIfExists(work.resolve("broken.tmeta"));
        Files.deleteIfExists(work.resolve("repaired.tmeta"));
        Files.delete(work);
        Files.writeString(dir.resolve("campaign.tsv"), tsv);
        System.out.printf(Locale.ROOT, "%d pools, %d mappings in their intact dumps, %d trials per damage class%n%n",
                pools.size(), mappings, trials * pools.size());
        System.out.println("Mappings: correct / wrong / missing; volumes: whole (every mapping correct, none wrong) of all."
                + " qrescue's correct and wrong are split into unmarked + marked (marked: in doubt, extracted as bytes of"
                + " unknown provenance); its whole volumes into unmarked + marked. A failed run (tool exit status not 0)"
                + " recovers nothing.");
        System.out.println();
        System.out.println("| damage class | thin_dump --repair: mappings (failed runs) | volumes | thin_repair: mappings (failed"
                + " runs) | volumes | qrescue: mappings | volumes | correct GiB: thin_repair / qrescue (unmarked) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Score[]> e : totals.entrySet()) {
            Score[] s = e.getValue();
            Score q = s[2];
            System.out.printf(Locale.ROOT, "| %s | %d / %d / %d (%d) | %d of %d | %d / %d / %d (%d) | %d of %d | %d + %d / %d + %d"
                    + " / %d | %d + %d of %d | %.2f / %.2f (%.2f) |%n",
                    e.getKey(), s[0].correct, s[0].wrong, s[0].missing, s[0].failed, s[0].volumesWhole, s[0].volumes,
                    s[1].correct, s[1].wrong, s[1].missing, s[1].failed, s[1].volumesWhole, s[1].volumes,
                    q.correct - q.correctMarked, q.correctMarked, q.wrong - q.wrongMarked, q.wrongMarked, q.missing,
                    q.volumesUnmarked, q.volumesWhole - q.volumesUnmarked, q.volumes, s[1].correctBytes / GIB,
                    q.correctBytes / GIB, (q.correctBytes - q.correctMarkedBytes) / GIB);
        }
    }

    private static final double GIB = 1024.0 * 1024 * 1024;

    /** Damage classes from the intact pool's live blocks and their roles. */
    private static List<DamageClass> classes(byte[] tmeta) {
        ThinMetadata md = ThinMetadata.read(new ByteArraySource(tmeta));
        Map<String, List<Long>> by = new LinkedHashMap<>();
        for (String name : List.of("top-level", "device details", "device internal", "device leaf", "space maps",
                "any live block")) {
            by.put(name, new ArrayList<>());
        }
        md.liveBlocks().all().forEach((block, roles) -> {
            if (block == 0) {
                return;
            }
            BlockKind k = roles.get(0).kind();
            String name = switch (k) {
                case TOP_LEVEL_LEAF, TOP_LEVEL_INTERNAL -> "top-level";
                case DEVICE_DETAILS_NODE -> "device details";
                case DEVICE_INTERNAL -> "device internal";
                case DEVICE_LEAF -> "device leaf";
                default -> k.name().contains("SM") ? "space maps" : null;
            };
            if (name != null) {
                by.get(name).add(block);
            }
            by.get("any live block").add(block);
        });
        List<DamageClass> out = new ArrayList<>();
        out.add(new DamageClass("superblock", List.of(), true));
        for (Map.Entry<String, List<Long>> e : by.entrySet()) {
            out.add(new DamageClass(e.getKey(), e.getValue(), false));
        }
        out.add(new DamageClass("superblock + top-level", by.get("top-level"), true));
        return out;
    }

    private static TreeSet<Long> pick(DamageClass c, Random r) {
        TreeSet<Long> out = new TreeSet<>();
        if (c.withSuperblock()) {
            out.add(0L);
        }
        if (!c.blocks().isEmpty()) {
            int k = 1 + r.nextInt(Math.min(32, c.blocks().size()));
            List<Long> pool = new ArrayList<>(c.blocks());
            for (int i = 0; i < k; i++) {
                out.add(pool.remove(r.nextInt(pool.size())));
            }
        }
        return out;
    }

    private static Score thinDumpRepair(Path broken, Pool pool) throws IOException, InterruptedException {
        String[] out = run(List.of("thin_dump", "--repair", "--transaction-id",
                String.valueOf(pool.hints().transactionId()), "--data-block-size",
                String.valueOf(pool.hints().dataBlockSizeSectors()), "--nr-data-blocks",
                String.valueOf(pool.hints().nrDataBlocks()), broken.toString()));
        return out == null ? failed(pool) : score(pool, ThinDumpXml.parse(out[0]));
    }

    private static Score thinRepair(Path broken, Path work, Pool pool) throws IOException, InterruptedException {
        Path repaired = work.resolve("repaired.tmeta");
        Files.deleteIfExists(repaired);
        try (var f = new java.io.RandomAccessFile(repaired.toFile(), "rw")) {
            f.setLength(pool.tmeta().length);
        }
        String[] ran = run(List.of("thin_repair", "-i", broken.toString(), "-o", repaired.toString(),
                "--transaction-id", String.valueOf(pool.hints().transactionId()), "--data-block-size",
                String.valueOf(pool.hints().dataBlockSizeSectors()), "--nr-data-blocks",
                String.valueOf(pool.hints().nrDataBlocks())));
        String[] dump = ran == null ? null : run(List.of("thin_dump", repaired.toString()));
        return dump == null ? failed(pool) : score(pool, ThinDumpXml.parse(dump[0]));
    }

    private static Score qrescue(byte[] broken, Pool pool) {
        SalvagedPool salvaged = ThinSalvage.salvage(new ByteArraySource(broken), pool.hints());
        Score s = new Score();
        for (Map.Entry<Long, TreeMap<Long, long[]>> e : pool.intact().mappings.entrySet()) {
            SalvagedDevice d = salvaged.device(e.getKey());
            Map<Long, Long> ours = new TreeMap<>();
            for (int i = 0; d != null && i < d.mappingCount(); i++) {
                ours.put(d.virtualBlock(i), d.dataBlock(i));
            }
            long bad = 0;
            for (Map.Entry<Long, long[]> m : e.getValue().entrySet()) {
                Long got = ours.remove(m.getKey());
                boolean marked = d != null && d.inDoubt(m.getKey());
                if (got == null) {
                    s.missing++;
                    bad++;
                } else if (got == m.getValue()[0]) {
                    s.correct++;
                    s.correctMarked += marked ? 1 : 0;
                } else {
                    s.wrong++;
                    s.wrongMarked += marked ? 1 : 0;
                    bad++;
                }
            }
            for (long extra : ours.keySet()) {
                s.wrong++;
                s.wrongMarked += d.inDoubt(extra) ? 1 : 0;
                bad++;
            }
            s.volumes++;
            if (bad == 0) {
                s.volumesWhole++;
                s.volumesUnmarked += d == null || d.doubts().isEmpty() ? 1 : 0;
            }
        }
        for (SalvagedDevice d : salvaged.devices().values()) {
            if (!pool.intact().mappings.containsKey(d.deviceId())) {
                for (int i = 0; i < d.mappingCount(); i++) {
                    s.wrong++;
                    s.wrongMarked += d.inDoubt(d.virtualBlock(i)) ? 1 : 0;
                }
            }
        }
        s.correctBytes = s.correct * pool.dataBlockBytes();
        s.correctMarkedBytes = s.correctMarked * pool.dataBlockBytes();
        return s;
    }

    private static Score score(Pool pool, ThinDumpXml got) {
        ThinDumpXml intact = pool.intact();
        Score s = new Score();
        for (Map.Entry<Long, TreeMap<Long, long[]>> e : intact.mappings.entrySet()) {
            TreeMap<Long, long[]> theirs = new TreeMap<>(got.mappings.getOrDefault(e.getKey(), new TreeMap<>()));
            long bad = 0;
            for (Map.Entry<Long, long[]> m : e.getValue().entrySet()) {
                long[] v = theirs.remove(m.getKey());
                if (v == null) {
                    s.missing++;
                    bad++;
                } else if (v[0] == m.getValue()[0]) {
                    s.correct++;
                } else {
                    s.wrong++;
                    bad++;
                }
            }
            s.wrong += theirs.size();
            bad += theirs.size();
            s.volumes++;
            s.volumesWhole += bad == 0 ? 1 : 0;
            s.volumesUnmarked += bad == 0 ? 1 : 0;
        }
        got.mappings.forEach((dev, m) -> {
            if (!intact.mappings.containsKey(dev)) {
                s.wrong += m.size();
            }
        });
        s.correctBytes = s.correct * pool.dataBlockBytes();
        return s;
    }

    private static Score failed(Pool pool) {
        Score s = new Score();
        s.missing = pool.intact().mappings.values().stream().mapToLong(Map::size).sum();
        s.volumes = pool.intact().mappings.size();
        s.failed = 1;
        return s;
    }

    /** stdout of a tool, or null when it exits non-zero (or hangs for a minute). */
    private static String[] run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("campaign", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return null;
            }
            return p.exitValue() == 0 ? new String[] {Files.readString(out, StandardCharsets.UTF_8)} : null;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** LVM's view of the pool from "lv_name,segtype,thin_id,transaction_id,chunk_size,lv_size" lines (sectors). */
    static ThinSalvage.Hints hints(String lvs) {
        long chunk = 0;
        long trans = 0;
        long dataSectors = 0;
        TreeMap<Long, Long> devices = new TreeMap<>();
        for (String line : lvs.split("\n")) {
            String[] f = line.trim().split(",", -1);
            if (f.length < 6) {
                continue;
            }
            String name = f[0].replace("[", "").replace("]", "");
            if (f[1].equals("thin-pool")) {
                chunk = Long.parseLong(f[4]);
                trans = Long.parseLong(f[3]);
            } else if (f[1].equals("thin") && !f[2].isEmpty()) {
                devices.put(Long.parseLong(f[2]), f[3].isEmpty() ? 0 : Long.parseLong(f[3]));
            } else if (name.endsWith("_tdata")) {
                dataSectors = Long.parseLong(f[5]);
            }
        }
        return new ThinSalvage.Hints(chunk, trans, chunk > 0 ? dataSectors / chunk : 0, devices);
    }
}
