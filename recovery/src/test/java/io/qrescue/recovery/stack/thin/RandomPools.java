package io.qrescue.recovery.stack.thin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random pools: origin volumes with runs and single mappings, snapshots (and snapshots of snapshots) that
 * share most data blocks and remap a few (copy-on-write), thousands of mappings so trees get internal nodes.
 */
final class RandomPools {

    private RandomPools() {
    }

    static PoolSpec upstream(long seed, int approxMappings) {
        Random r = new Random(seed);
        PoolSpec p = new PoolSpec();
        p.dataBlockSizeSectors = 128L << r.nextInt(3);
        p.nrDataBlocks = approxMappings * 3L + r.nextInt(5000) + 100;
        p.metadataBlocks = 4096;
        p.time = 5 + r.nextInt(20);
        p.transactionId = 1 + r.nextInt(100);
        boolean[] used = new boolean[(int) p.nrDataBlocks];
        int origins = 1 + r.nextInt(3);
        long nextId = 1;
        List<PoolSpec.Device> made = new ArrayList<>();
        for (int o = 0; o < origins; o++) {
            PoolSpec.Device d = p.device(nextId);
            nextId += 1 + r.nextInt(3);
            d.transactionId = r.nextInt(50);
            d.creationTime = r.nextInt(3);
            d.snapshottedTime = d.creationTime;
            long v = r.nextInt(100);
            int target = approxMappings / origins;
            while (d.mappings.size() < target) {
                int len = r.nextInt(4) == 0 ? 1 + r.nextInt(200) : 1;
                long start = freeRun(r, used, len);
                if (start < 0) {
                    break;
                }
                for (int i = 0; i < len; i++) {
                    d.map(v + i, start + i, d.creationTime);
                    used[(int) (start + i)] = true;
                }
                v += len + (r.nextInt(3) == 0 ? r.nextInt(5000) : 0);
            }
            made.add(d);
        }
        int snaps = 1 + r.nextInt(3);
        for (int s = 0; s < snaps; s++) {
            PoolSpec.Device origin = made.get(r.nextInt(made.size()));
            PoolSpec.Device snap = p.device(nextId);
            nextId += 1 + r.nextInt(2);
            snap.creationTime = p.time - 1 - r.nextInt(3);
            snap.snapshottedTime = snap.creationTime;
            origin.snapshottedTime = Math.max(origin.snapshottedTime, snap.creationTime);
            snap.transactionId = r.nextInt(50);
            for (Map.Entry<Long, long[]> e : origin.mappings.entrySet()) {
                snap.mappings.put(e.getKey(), e.getValue().clone());
            }
            // Copy-on-write of a few blocks in the snapshot.
            List<Long> keys = new ArrayList<>(snap.mappings.keySet());
            for (int i = 0; i < keys.size() / 20 && !keys.isEmpty(); i++) {
                long start = freeRun(r, used, 1);
                if (start < 0) {
                    break;
                }
                used[(int) start] = true;
                snap.map(keys.get(r.nextInt(keys.size())), start, p.time);
            }
            made.add(snap);
        }
        return p;
    }

    private static long freeRun(Random r, boolean[] used, int len) {
        for (int tries = 0; tries < 50; tries++) {
            int start = r.nextInt(Math.max(1, used.length - len));
            boolean ok = start + len <= used.length;
            for (int i = 0; ok && i < len; i++) {
                ok = !used[start + i];
            }
            if (ok) {
                return start;
            }
        }
        return -1;
    }

    /** The same logical pool in QNAP's layout: 8 KiB blocks, version 4, 44-byte records, backups. */
    static PoolSpec asQnap(PoolSpec p, int detailValueSize) {
        p.qnap = true;
        p.blockSizeBytes = 8192;
        p.version = 4;
        p.flags = ThinSuperblock.FLAG_SUPERBLOCK_BACKUP | ThinSuperblock.FLAG_FAST_BLOCK_CLONE;
        p.detailValueSize = detailValueSize;
        p.backupCount = 3;
        for (PoolSpec.Device d : p.devices.values()) {
            for (long[] m : d.mappings.values()) {
                m[1] &= 0x3F_FFFFL;
            }
        }
        return p;
    }
}
