package io.qrescue.mapfile.log;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;
import java.util.List;

/** ddrescuelog's {@code -c/--change-types}: statuses in {@code from} become those at the same index in {@code to}. */
public final class StatusChange {

    private StatusChange() {
    }

    /**
     * Changes the blocks of {@code blocks} inside {@code domain}, after splitting it at the domain's borders, and
     * compacts it.
     *
     * @param from status symbols, e.g. {@code "?*"}
     * @param to   the new status symbol of each, same length
     */
    public static void apply(BlockMap blocks, Domain domain, String from, String to) {
        blocks.splitByDomainBorders(domain);
        List<StatusBlock> v = blocks.toList();
        for (int i = 0; i < v.size(); i++) {
            StatusBlock sb = v.get(i);
            if (!domain.includes(sb)) {
                continue; // only blocks inside the domain count
            }
            int j = from.indexOf(sb.status().symbol());
            if (j >= 0) {
                v.set(i, sb.withStatus(BlockStatus.fromSymbol(to.charAt(j))));
            }
        }
        blocks.replaceWith(v);
        blocks.compact();
    }
}
