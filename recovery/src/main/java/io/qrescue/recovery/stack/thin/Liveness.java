package io.qrescue.recovery.stack.thin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which metadata blocks are current, from the metadata space map of the superblock in use: a block counted there
 * is live now, one counted zero is free (an older copy-on-write copy at best). A live btree node's count is the
 * number of live parents pointing to it; when fewer surviving live nodes point to it than its count, the missing
 * parents are lost nodes, which makes it an orphan: a current subtree to re-attach. Without a readable count the
 * block's state is unknown.
 */
final class Liveness {

    private final SpaceMap metadataSpaceMap;
    private final Map<Long, Integer> liveReferences = new HashMap<>();
    private final Map<Long, Integer> unknownReferences = new HashMap<>();

    private Liveness(SpaceMap metadataSpaceMap) {
        this.metadataSpaceMap = metadataSpaceMap;
    }

    /** Every block's state unknown (no superblock, or no readable metadata space map). */
    static Liveness unknown() {
        return new Liveness(null);
    }

    /**
     * Counts, for every valid node, the pointers to it from valid parents that are live ({@code reached} from the
     * superblock, or counted in the space map) and from parents of unknown state; {@code roots} are the pointers
     * held by the superblock itself (and by a metadata snapshot's copy).
     */
    static Liveness of(NodeScan scan, SpaceMap metadataSpaceMap, Set<Long> reached, List<Long> roots) {
        Liveness l = new Liveness(metadataSpaceMap);
        for (long r : roots) {
            l.liveReferences.merge(r, 1, Integer::sum);
        }
        for (ScannedNode n : scan.nodes().values()) {
            boolean pointsToNodes = !n.leaf() || scan.classOf(n.blockNr()) == NodeScan.NodeClass.TOP_LEVEL_LEAF;
            if (!pointsToNodes || n.pointers() == null) {
                continue;
            }
            long count = reached.contains(n.blockNr()) ? 1 : l.refCount(n.blockNr());
            Map<Long, Integer> into = count > 0 ? l.liveReferences : count == SpaceMap.UNKNOWN ? l.unknownReferences
                    : null;
            if (into != null) {
                for (long p : n.pointers()) {
                    into.merge(p, 1, Integer::sum);
                }
            }
        }
        return l;
    }

    boolean known() {
        return metadataSpaceMap != null;
    }

    /** The block's count in the metadata space map, or {@link SpaceMap#UNKNOWN}. */
    long refCount(long blockNr) {
        return metadataSpaceMap == null ? SpaceMap.UNKNOWN : metadataSpaceMap.refCount(blockNr);
    }

    boolean isFree(long blockNr) {
        return refCount(blockNr) == 0;
    }

    boolean isLive(long blockNr) {
        return refCount(blockNr) > 0;
    }

    /**
     * Parents of this live block that are certainly lost: its count minus the pointers from surviving live nodes
     * and from nodes of unknown state (0 when its count is unknown).
     */
    int lostParents(long blockNr) {
        long count = refCount(blockNr);
        if (count <= 0) {
            return 0;
        }
        long missing = count - liveReferences.getOrDefault(blockNr, 0) - unknownReferences.getOrDefault(blockNr, 0);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, missing));
    }
}
