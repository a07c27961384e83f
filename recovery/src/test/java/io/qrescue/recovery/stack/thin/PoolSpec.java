package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A thin pool described logically (test-only): what the writers turn into metadata, and the expected answers. */
final class PoolSpec {

    /** One thin device: its details and its mappings virtual block to {data block, time}. */
    static final class Device {
        final long id;
        long transactionId;
        long creationTime;
        long snapshottedTime;
        long clonedTime;
        long snapOrigin = DeviceDetails.ABSENT;
        /** When set, this device's mapping tree root is the same block as that device's (kernel snapshot sharing). */
        Long sharesTreeOf;
        final TreeMap<Long, long[]> mappings = new TreeMap<>();

        Device(long id) {
            this.id = id;
        }

        void map(long virtualBlock, long dataBlock, long time) {
            mappings.put(virtualBlock, new long[] {dataBlock, time});
        }
    }

    int blockSizeBytes = 4096;
    /** QNAP layout: version 4, flags SUPERBLOCK_BACKUP|FAST_BLOCK_CLONE, backups in the last 128 blocks. */
    boolean qnap;
    int version = 2;
    int flags;
    long dataBlockSizeSectors = 128;
    long nrDataBlocks = 10_000;
    long metadataBlocks = 1024;
    int detailValueSize = 24;
    long time = 1;
    long transactionId = 1;
    /** Leaf/internal fill fraction: lower gives more nodes. */
    double fill = 1.0;
    int backupCount;
    /** QNAP: the backup slots no copy was written to hold QNAP's version-0 placeholders (else zeros). */
    boolean placeholderSlots = true;
    long backupId = 7;
    /** QNAP Qtier: pool tier block to (tier, tier block); empty for an untiered pool. */
    final SortedMap<Long, long[]> tierEntries = new TreeMap<>();
    long tierBlockSizeSectors = 8192;
    /** Tier LV sizes in tier blocks, per tier (their space maps); only for a tiered pool. */
    long[] tierSizesInTierBlocks = new long[0];
    final SortedMap<Long, Device> devices = new TreeMap<>();

    Device device(long id) {
        return devices.computeIfAbsent(id, Device::new);
    }

    /** The mappings a reader must report for {@code id} (a tree-sharing device reports its owner's). */
    TreeMap<Long, long[]> mappingsOf(long id) {
        Device d = devices.get(id);
        return d.sharesTreeOf == null ? d.mappings : devices.get(d.sharesTreeOf).mappings;
    }

    /** Expected data block reference counts: one per mapping in each physically distinct tree. */
    Map<Long, Long> expectedDataRefCounts() {
        Map<Long, Long> counts = new TreeMap<>();
        for (Device d : devices.values()) {
            if (d.sharesTreeOf == null) {
                for (long[] m : d.mappings.values()) {
                    counts.merge(m[0], 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** thin_restore XML of this pool (tree sharing is not expressible: shared devices list their mappings again). */
    String toXml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<superblock uuid=\"\" time=\"").append(time).append("\" transaction=\"").append(transactionId)
                .append("\" flags=\"0\" version=\"2\" data_block_size=\"").append(dataBlockSizeSectors)
                .append("\" nr_data_blocks=\"").append(nrDataBlocks).append("\">\n");
        for (Device d : devices.values()) {
            TreeMap<Long, long[]> maps = mappingsOf(d.id);
            sb.append("  <device dev_id=\"").append(d.id).append("\" mapped_blocks=\"").append(maps.size())
                    .append("\" transaction=\"").append(d.transactionId).append("\" creation_time=\"")
                    .append(d.creationTime).append("\" snap_time=\"").append(d.snapshottedTime).append("\">\n");
            List<long[]> run = new ArrayList<>();
            for (Map.Entry<Long, long[]> e : maps.entrySet()) {
                long[] m = {e.getKey(), e.getValue()[0], e.getValue()[1]};
                if (!run.isEmpty()) {
                    long[] last = run.get(run.size() - 1);
                    if (last[0] + 1 == m[0] && last[1] + 1 == m[1] && last[2] == m[2]) {
                        run.add(m);
                        continue;
                    }
                    flush(sb, run);
                }
                run.add(m);
            }
            flush(sb, run);
            sb.append("  </device>\n");
        }
        sb.append("</superblock>\n");
        return sb.toString();
    }

    private static void flush(StringBuilder sb, List<long[]> run) {
        if (run.isEmpty()) {
            return;
        }
        long[] first = run.get(0);
        if (run.size() == 1) {
            sb.append("    <single_mapping origin_block=\"").append(first[0]).append("\" data_block=\"")
                    .append(first[1]).append("\" time=\"").append(first[2]).append("\"/>\n");
        } else {
            sb.append("    <range_mapping origin_begin=\"").append(first[0]).append("\" data_begin=\"")
                    .append(first[1]).append("\" length=\"").append(run.size()).append("\" time=\"").append(first[2])
                    .append("\"/>\n");
        }
        run.clear();
    }
}
