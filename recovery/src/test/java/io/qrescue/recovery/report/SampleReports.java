package io.qrescue.recovery.report;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.report.RescueReport.DamageRow;
import io.qrescue.recovery.report.RescueReport.FileRow;
import io.qrescue.recovery.report.RescueReport.FileState;
import io.qrescue.recovery.report.RescueReport.FilesystemDamageRow;
import io.qrescue.recovery.report.RescueReport.Range;
import io.qrescue.recovery.report.RescueReport.StackNode;
import io.qrescue.recovery.report.RescueReport.VolumeSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A filled report like the rescue pipeline makes, with hostile file names. */
final class SampleReports {

    static final String EVIL_NAME = "/photos/<script>alert('x')</script> & \"quoted\"\nnewline.jpg";
    static final long IMAGE_SIZE = 1L << 30;

    private SampleReports() {
    }

    /** A 1 GiB image with bad areas (one in the thin metadata), and {@code intactFiles} intact files. */
    static RescueReport sample(int intactFiles, boolean withMetadataRegions) {
        Random rnd = new Random(42);
        List<StatusBlock> blocks = new ArrayList<>();
        long pos = 0;
        BlockStatus[] bad = {BlockStatus.BAD_SECTOR, BlockStatus.NON_TRIMMED, BlockStatus.NON_SCRAPED};
        while (pos < IMAGE_SIZE) {
            long good = Math.min(IMAGE_SIZE - pos, (1 + rnd.nextInt(64)) * (1L << 20));
            blocks.add(new StatusBlock(pos, good, BlockStatus.FINISHED));
            pos += good;
            if (pos < IMAGE_SIZE) {
                long len = Math.min(IMAGE_SIZE - pos, (1 + rnd.nextInt(256)) * 512L);
                blocks.add(new StatusBlock(pos, len, bad[rnd.nextInt(bad.length)]));
                pos += len;
            }
        }
        Mapfile map = new Mapfile(BlockMap.of(blocks));
        List<Range> metadata = withMetadataRegions
                ? List.of(new Range(0, 1L << 20), new Range(300L << 20, 16L << 20), new Range(900L << 20, 4L << 20))
                : List.of();
        StackNode lv = new StackNode("vg1/lv1", "thin volume, ext4", 600L << 20, "", List.of());
        StackNode snap = new StackNode("vg1/snap1", "thin snapshot", 600L << 20, "shares blocks with lv1", List.of());
        StackNode pool = new StackNode("vg1/tp1", "thin pool", 900L << 20, "metadata: 2 bad sectors, repaired",
                List.of(lv, snap));
        StackNode md = new StackNode("md1", "RAID1, 1 of 2 members", 1000L << 20, "degraded", List.of(
                new StackNode("vg1", "LVM volume group", 1000L << 20, "", List.of(pool))));
        StackNode root = new StackNode("disk.img", "disk image", IMAGE_SIZE, "", List.of(
                new StackNode("partition 3", "GPT partition", 1000L << 20, "", List.of(md))));
        List<DamageRow> damage = List.of(
                new DamageRow(new Range(301L << 20, 4096), "bad sector", "thin pool metadata (vg1/tp1)",
                        "mapping of 12 thin blocks read from the spare copy"),
                new DamageRow(new Range(500L << 20, 65536), "non-trimmed", "vg1/lv1 bytes 104857600-104923135",
                        "2 files damaged"),
                new DamageRow(new Range(700L << 20, 512), "bad sector", "free space", "nothing"));
        List<VolumeSummary> volumes = List.of(
                new VolumeSummary("vg1/lv1", "ext4", 600L << 20, (600L << 20) - 65536, "2 files damaged"),
                new VolumeSummary("vg1/snap1", "ext4", 600L << 20, 600L << 20, ""));
        List<FilesystemDamageRow> fs = List.of(new FilesystemDamageRow("vg1/lv1", "inode table (group 3)",
                new Range(1L << 24, 256), "records of inodes 98305-98305 damaged (1 inodes); 1 named file(s) lost"));
        List<FileRow> files = new ArrayList<>();
        for (int i = 0; i < intactFiles; i++) {
            files.add(new FileRow("vg1/lv1", "/docs/intact " + i + ".txt", 100 + i, 1000L * i, List.of(),
                    FileState.INTACT, "ab".repeat(32)));
        }
        files.add(new FileRow("vg1/lv1", EVIL_NAME, 77, 3_000_000, List.of(new Range(4096, 512),
                new Range(1_000_000, 4096)), FileState.DAMAGED, ""));
        files.add(new FileRow("vg1/lv1", "/home/ünïcødé ☃/thesis.odt", 98305, -1, List.of(), FileState.LOST, ""));
        return new RescueReport("qrescue report: disk.img", "2026-11-27T09:30:00Z",
                new RescueReport.ImageSummary("disk.img", IMAGE_SIZE, IMAGE_SIZE - 200_000),
                new RescueReport.MapView(map, metadata), root, damage, volumes, fs, files,
                List.of("the thin pool metadata needed a repair; see the damage table"));
    }
}
