package io.qrescue.recovery.cli;

import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.vm.volume.PayloadFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import io.qrescue.recovery.stack.PartitionNode;
import io.qrescue.recovery.stack.thin.BlockKind;
import io.qrescue.recovery.stack.thin.BlockRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The failures of the demo's disk, placed by an analysis of the healthy image (so they land on the structures
 * they are meant to hit whatever the example's layout): a thin superblock that reads on the third try, a hard
 * bad mapping leaf of the second volume, a bad sector in the middle of a file of the first volume, and a bad
 * area in a partition outside the stack. Written in the fault spec language of {@code qrescue image --simulate}.
 */
final class DemoFaults {

    private DemoFaults() {
    }

    static String of(StackAnalysis healthy) {
        List<String> lines = new ArrayList<>();
        lines.add("# Where the demo's disk fails (the fault spec language of qrescue image --simulate)");
        for (PoolAnalysis pool : healthy.pools()) {
            if (pool.node().tmeta() == null || pool.node().tmeta().placements().isEmpty() || pool.metadata() == null) {
                continue;
            }
            var tmeta = pool.node().tmeta().placements().get(0);
            int blockBytes = pool.metadata().blockSizeBytes();
            lines.add("soft  " + imageOffset(tmeta, 0) + " " + blockBytes
                    + " tries=2   # thin pool " + pool.name() + "'s superblock: reads on the third try");
            String second = healthy.volumes().size() > 1 ? healthy.volumes().get(1).name() : null;
            for (Map.Entry<Long, List<BlockRole>> e : pool.metadata().liveBlocks().all().entrySet()) {
                BlockRole role = e.getValue().get(0);
                if (role.kind() == BlockKind.DEVICE_LEAF && second != null
                        && second.equals(pool.volumeName(role.deviceId()))) {
                    lines.add("bad   " + imageOffset(tmeta, e.getKey() * blockBytes) + " 512"
                            + "   # a mapping leaf of " + second + ": that volume's block map is lost");
                    break;
                }
            }
            break;
        }
        long fileBlock = findBlock(healthy.images().get(0).source(), PATTERN_FILE, 512 << 10);
        if (fileBlock >= 0) {
            lines.add("bad   " + fileBlock + " 4096   # " + PATTERN_FILE + " bytes 512 KiB..516 KiB");
        }
        if (!healthy.stack().disks().isEmpty() && healthy.stack().disks().get(0).partitions().size() > 1) {
            PartitionNode p = healthy.stack().disks().get(0).partitions().get(1);
            lines.add("bad   " + (p.startBytes() + 8192) + " 65536   # " + p.label() + ", outside the storage stack");
        }
        return String.join("\n", lines) + "\n";
    }

    /** The example's file whose middle goes bad (content from the generator of the example). */
    static final String PATTERN_FILE = "lv1/pattern-1MiB.txt";

    /**
     * The image offset of bytes {@code [at, at + 4096)} of {@code file}, or -1. Searched sector by sector: the
     * example's small ext4 file systems have 1 KiB blocks, so file data is not 4 KiB aligned on the image.
     */
    static long findBlock(ImageSource image, String file, int at) {
        byte[] content = PayloadFiles.forSeed(1).get(file);
        byte[] needle = Arrays.copyOfRange(content, at, at + 4096);
        byte[] chunk = new byte[1 << 20];
        try {
            for (long pos = 0; pos < image.size(); pos += chunk.length - 4096) {
                int n = image.read(pos, ByteBuffer.wrap(chunk));
                for (int off = 0; off + 4096 <= n; off += 512) {
                    if (Arrays.equals(chunk, off, off + 4096, needle, 0, 4096)) {
                        return pos + off;
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static long imageOffset(io.qrescue.recovery.stack.Placement placement, long logical) {
        long at = placement.imageOffsetOf(logical);
        if (at < 0) {
            throw new IllegalStateException("the demo's thin metadata byte " + logical + " is not on the image");
        }
        return at;
    }
}
