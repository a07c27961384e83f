package io.qrescue.bench.harness;

import io.qrescue.recovery.vm.appliance.Appliance;
import io.qrescue.recovery.vm.appliance.ApplianceBuilder;
import io.qrescue.recovery.vm.job.Job;
import io.qrescue.recovery.vm.job.JobOptions;
import io.qrescue.recovery.vm.job.JobResult;
import io.qrescue.recovery.vm.job.JobRunner;
import io.qrescue.recovery.vm.qemu.Accelerator;
import io.qrescue.recovery.vm.qemu.DiskAccess;
import io.qrescue.recovery.vm.qemu.QemuLauncher;
import io.qrescue.recovery.vm.qemu.VmDisk;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Makes thin pools with real lvm2 and the kernel's dm-thin inside the recovery appliance, with churn: thin volumes
 * written at random places, thin snapshots, writes to origins and snapshots after them, snapshots and volumes
 * removed, discards (blkdiscard, and fstrim of an ext4 with deleted files). Each pool's metadata LV is copied out
 * ({@code poolN.tmeta}) with the real {@code thin_dump} of it ({@code poolN.xml}) and what LVM says of the pool
 * ({@code poolN.hints}: chunk size, transaction id, data size, each thin device id). The churn is a seeded plan
 * written on the host, so a seed always asks the kernel for the same operations.
 *
 * <p>Usage: {@code ThinChurnPools OUTDIR POOLS [SEED]} (the appliance is built into its cache when missing).
 */
public final class ThinChurnPools {

    private ThinChurnPools() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ThinChurnPools OUTDIR POOLS [SEED]");
        }
        Path out = Path.of(args[0]);
        int pools = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Files.createDirectories(out);
        StringBuilder script = new StringBuilder(PROLOGUE);
        for (int i = 1; i <= pools; i++) {
            script.append(plan(i, new Random(seed * 1000 + i)));
        }
        Appliance appliance = new ApplianceBuilder().ensure(ApplianceBuilder.defaultCacheDir()).appliance();
        Path work = Files.createTempDirectory("thin-churn");
        Path scratch = work.resolve("scratch.img");
        try (RandomAccessFile f = new RandomAccessFile(scratch.toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        JobOptions options = new JobOptions(Accelerator.TCG, 768, List.of(new VmDisk("CHURN", scratch,
                DiskAccess.WRITABLE)), Duration.ofSeconds(180), Duration.ofMinutes(20L * pools), 64L << 20, 0, "");
        JobRunner runner = new JobRunner(QemuLauncher.fromEnvironment(), line -> System.err.println("| " + line));
        JobResult r = runner.run(appliance, Job.of(script.toString()), options, work);
        if (r.exitStatus() != 0) {
            throw new IllegalStateException("the churn job failed (exit " + r.exitStatus() + "); console: "
                    + r.consoleLog());
        }
        try (Stream<Path> files = Files.list(r.resultsDir())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, out.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(scratch);
        io.qrescue.recovery.files.FileTrees.deleteTree(work);
        System.out.println("pools in " + out + " (job " + r.totalMillis() / 1000 + " s)");
    }

    private static final String PROLOGUE = """
            set -e
            # the appliance's LVM reads md devices only, as on a NAS: a one-member RAID1 under every pool
            mdadm --create /dev/md9 --run --level=1 --raid-devices=2 --metadata=1.0 --assume-clean \
              "$(readlink -f /dev/by-serial/CHURN)" missing >/dev/null 2>&1
            D=/dev/md9
            step() { echo "== $*"; }
            w() { dd if=/dev/zero of="$1" bs=64K seek="$2" count="$3" conv=fsync 2>/dev/null; }
            mkdir -p /x
            """;

    /** The shell commands that make pool {@code n}: geometry, volumes and a random sequence of operations. */
    static String plan(int n, Random r) {
        StringBuilder s = new StringBuilder();
        s.append("step pool ").append(n).append('\n');
        // 1 MiB extents, so a 2 MiB metadata LV is really 2 MiB
        s.append("lvm pvcreate -y -ff \"$D\" >/dev/null\nlvm vgcreate -s 1M vgc \"$D\" >/dev/null\n");
        // 2 MiB of metadata wraps the kernel's allocator within the plan, 4 MiB mostly does not
        s.append("lvm lvcreate -y --type thin-pool -L 480M --poolmetadatasize ").append(r.nextBoolean() ? 2 : 4)
                .append("M -c 64K -n tp vgc >/dev/null\n");
        List<String> live = new ArrayList<>();
        List<Integer> sizesMiB = new ArrayList<>();
        int volumes = 2 + r.nextInt(3);
        for (int v = 1; v <= volumes; v++) {
            int size = 48 + 16 * r.nextInt(4);
            s.append("lvm lvcreate -y -V ").append(size).append("M --thinpool vgc/tp -n lv").append(v)
                    .append(" >/dev/null\n");
            live.add("lv" + v);
            sizesMiB.add(size);
            // a first fill (a third to a half of the volume, so trees have internal nodes), then scattered writes
            s.append("w /dev/vgc/lv").append(v).append(" 0 ").append(size * 16 * (33 + r.nextInt(18)) / 100).append('\n');
            s.append(writes("lv" + v, size, 4 + r.nextInt(8), r));
        }
        int snaps = 0;
        int steps = 10 + r.nextInt(12);
        for (int k = 0; k < steps; k++) {
            int i = r.nextInt(live.size());
            String lv = live.get(i);
            int size = sizesMiB.get(i);
            int op = r.nextInt(10);
            if (op < 4) {
                s.append(writes(lv, size, 1 + r.nextInt(12), r));
            } else if (op < 6 && live.size() < 8) {
                String snap = "sn" + (++snaps);
                s.append("lvm lvcreate -y -s vgc/").append(lv).append(" -n ").append(snap).append(" >/dev/null\n");
                s.append("lvm lvchange -ay -K vgc/").append(snap).append(" >/dev/null\n");
                live.add(snap);
                sizesMiB.add(size);
                // writes after the snapshot, to the origin or to the snapshot: copy-on-write of shared blocks
                s.append(writes(r.nextBoolean() ? lv : snap, size, 1 + r.nextInt(20), r));
            } else if (op == 6) {
                long off = (long) r.nextInt(size) << 20;
                long len = (long) (1 + r.nextInt(Math.max(1, size / 4))) << 20;
                s.append("blkdiscard -o ").append(off).append(" -l ").append(Math.min(len, ((long) size << 20) - off))
                        .append(" /dev/vgc/").append(lv).append(" || true\nsync\n");
            } else if (op == 7 && live.size() > 2 && lv.startsWith("sn")) {
                s.append("lvm lvremove -y vgc/").append(lv).append(" >/dev/null\n");
                live.remove(i);
                sizesMiB.remove(i);
            } else if (op == 8) {
                s.append("mkfs.ext4 -q -F -E nodiscard /dev/vgc/").append(lv).append("\nmount /dev/vgc/").append(lv)
                        .append(" /x\ndd if=/dev/zero of=/x/f bs=64K count=").append(16 + r.nextInt(200))
                        .append(" conv=fsync 2>/dev/null\nrm /x/f\nsync\nfstrim /x || true\numount /x\n");
            } else {
                s.append(writes(lv, size, 1 + r.nextInt(30), r));
            }
        }
        s.append("sync\nlvm vgchange -an vgc >/dev/null\n");
        s.append("lvm lvchange -ay -y vgc/tp_tmeta >/dev/null\n");
        s.append("dd if=/dev/vgc/tp_tmeta of=$QRES/pool").append(n).append(".tmeta bs=1M 2>/dev/null\n");
        s.append("thin_dump /dev/vgc/tp_tmeta > $QRES/pool").append(n).append(".xml\n");
        s.append("lvm lvchange -an vgc/tp_tmeta >/dev/null\n");
        s.append("{ lvm lvs -a --noheadings --units s --nosuffix --separator , -o lv_name,segtype,thin_id,transaction_id,"
                + "chunk_size,lv_size vgc; } > $QRES/pool").append(n).append(".hints\n");
        s.append("lvm vgremove -ff -y vgc >/dev/null\nlvm pvremove -y -ff \"$D\" >/dev/null\n");
        s.append("dd if=/dev/zero of=\"$D\" bs=1M count=8 2>/dev/null\n");
        return s.toString();
    }

    /** {@code count} writes of 1..64 chunks at random places of an LV of {@code sizeMiB}. */
    private static String writes(String lv, int sizeMiB, int count, Random r) {
        StringBuilder s = new StringBuilder();
        int chunks = sizeMiB * 16;
        for (int k = 0; k < count; k++) {
            int len = r.nextInt(3) == 0 ? 1 + r.nextInt(64) : 1;
            int at = r.nextInt(Math.max(1, chunks - len));
            s.append("w /dev/vgc/").append(lv).append(' ').append(at).append(' ').append(len).append('\n');
        }
        return s.toString();
    }
}
