package io.qrescue.mapfile.log;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;
import java.util.List;

/**
 * ddrescuelog's logic operations on the finished blocks of two mapfiles ({@code -y} and, {@code -z} or,
 * {@code -x} xor; ddrescuelog: do_logic_ops): inside the domain, a block of the first map becomes finished or
 * bad-sector by its own status and the status of the same bytes in the second map.
 */
public enum LogicOperation {
    /** {@code -y}: finished where both are finished; a finished block of the first alone becomes bad-sector. */
    AND,
    /** {@code -z}: finished where either is finished. */
    OR,
    /** {@code -x}: finished where exactly one is finished; finished in both becomes bad-sector. */
    XOR;

    /**
     * Combines {@code second} into {@code first} inside {@code domain}; both maps are split at each other's and the
     * domain's borders, and {@code first} is compacted at the end.
     */
    public void apply(BlockMap first, BlockMap second, Domain domain) {
        first.splitByDomainBorders(domain);
        second.splitByDomainBorders(domain);
        first.splitByMapBorders(second);
        second.splitByMapBorders(first);
        List<StatusBlock> v1 = first.toList();
        List<StatusBlock> v2 = second.toList();
        for (int i = 0, j = 0; ; ++i, ++j) {
            while (i < v1.size() && !domain.includes(v1.get(i))) {
                ++i;
            }
            while (j < v2.size() && !domain.includes(v2.get(j))) {
                ++j;
            }
            if (i >= v1.size() || j >= v2.size()) {
                break;
            }
            StatusBlock sb1 = v1.get(i);
            StatusBlock sb2 = v2.get(j);
            if (sb1.pos() != sb2.pos() || sb1.size() != sb2.size()) {
                throw new IllegalStateException("blocks got out of sync.");
            }
            boolean f1 = sb1.status() == BlockStatus.FINISHED;
            boolean f2 = sb2.status() == BlockStatus.FINISHED;
            BlockStatus result = switch (this) {
                case AND -> f1 && !f2 ? BlockStatus.BAD_SECTOR : null;
                case OR -> !f1 && f2 ? BlockStatus.FINISHED : null;
                case XOR -> f2 ? (f1 ? BlockStatus.BAD_SECTOR : BlockStatus.FINISHED) : null;
            };
            if (result != null) {
                v1.set(i, sb1.withStatus(result));
            }
        }
        first.replaceWith(v1);
        first.compact();
    }
}
