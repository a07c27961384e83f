package io.qrescue.mapfile.log;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Domain;
import io.qrescue.mapfile.StatusBlock;
import java.util.List;

/**
 * ddrescuelog's comparisons ({@code -p} maps, {@code -P} domains; ddrescuelog: compare_mapfiles). Each map comes
 * with its domain, already cropped to the map's extent and with the map split at the domain's borders.
 */
public final class MapComparison {

    private MapComparison() {
    }

    /**
     * Whether the maps differ: {@code -p} compares every block inside the domains (and the domains themselves),
     * {@code asDomain} ({@code -P}) only where the finished blocks are.
     */
    public static boolean differ(BlockMap first, Domain firstDomain, BlockMap second, Domain secondDomain,
            boolean asDomain) {
        if (!asDomain && !firstDomain.equals(secondDomain)) {
            return true;
        }
        List<StatusBlock> v1 = first.toList();
        List<StatusBlock> v2 = second.toList();
        int i = 0;
        int j = 0;
        while (true) {
            while (i < v1.size() && skipped(v1.get(i), firstDomain, asDomain)) {
                ++i;
            }
            while (j < v2.size() && skipped(v2.get(j), secondDomain, asDomain)) {
                ++j;
            }
            if ((i < v1.size()) != (j < v2.size())) {
                return true;
            }
            if (i >= v1.size()) {
                return false;
            }
            if (!v1.get(i++).equals(v2.get(j++))) {
                return true;
            }
        }
    }

    /** Whether every block of {@code blocks} inside {@code domain} is finished (ddrescuelog -d, -D). */
    public static boolean isDone(BlockMap blocks, Domain domain) {
        for (StatusBlock sb : blocks) {
            if (domain.includes(sb) && sb.status() != BlockStatus.FINISHED) {
                return false;
            }
        }
        return true;
    }

    private static boolean skipped(StatusBlock sb, Domain domain, boolean asDomain) {
        return !domain.includes(sb) || (asDomain && sb.status() != BlockStatus.FINISHED);
    }
}
