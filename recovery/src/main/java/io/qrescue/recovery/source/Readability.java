package io.qrescue.recovery.source;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Which bytes of an image hold rescued data: those a ddrescue mapfile marks finished ('+'). Without a
 * mapfile every byte counts as readable. Bytes beyond the map's end count as never tried.
 */
public final class Readability {

    private final BlockMap map;

    private Readability(BlockMap map) {
        this.map = map;
    }

    /** Every byte readable (no mapfile given). */
    public static Readability allReadable() {
        return new Readability(null);
    }

    /** Readable where {@code map} says finished. */
    public static Readability of(BlockMap map) {
        return new Readability(map);
    }

    /** True when every byte of {@code [pos, pos + length)} is finished. */
    public boolean isReadable(long pos, long length) {
        return damageIn(pos, length).isEmpty();
    }

    /** The non-finished pieces of {@code [pos, pos + length)}, clipped to it, in order; adjacent equal ones merged. */
    public List<StatusBlock> damageIn(long pos, long length) {
        List<StatusBlock> out = new ArrayList<>();
        if (map == null || length <= 0) {
            return out;
        }
        long end = pos + length;
        long cursor = pos;
        for (StatusBlock sb = map.isEmpty() ? null : map.firstBlockFrom(pos); sb != null && cursor < end;
                sb = sb.size() == 0 ? null : map.blockAfter(sb)) {
            if (sb.size() == 0 || sb.end() <= cursor) {
                continue;
            }
            if (sb.pos() > cursor) {
                add(out, cursor, Math.min(end, sb.pos()), BlockStatus.NON_TRIED);
                cursor = Math.min(end, sb.pos());
            }
            long e = Math.min(end, sb.end());
            if (sb.status() != BlockStatus.FINISHED && cursor < e) {
                add(out, cursor, e, sb.status());
            }
            cursor = Math.max(cursor, e);
        }
        if (cursor < end) {
            add(out, cursor, end, BlockStatus.NON_TRIED);
        }
        return out;
    }

    /** Number of non-finished bytes in {@code [pos, pos + length)}. */
    public long unreadableBytes(long pos, long length) {
        long n = 0;
        for (StatusBlock sb : damageIn(pos, length)) {
            n += sb.size();
        }
        return n;
    }

    /** Every non-finished block of the map (none without a map). */
    public List<StatusBlock> damagedBlocks() {
        List<StatusBlock> out = new ArrayList<>();
        if (map != null) {
            for (StatusBlock sb : map) {
                if (sb.status() != BlockStatus.FINISHED && sb.size() > 0) {
                    out.add(sb);
                }
            }
        }
        return out;
    }

    private static void add(List<StatusBlock> out, long from, long to, BlockStatus status) {
        if (!out.isEmpty()) {
            StatusBlock last = out.get(out.size() - 1);
            if (last.status() == status && last.end() == from) {
                out.set(out.size() - 1, new StatusBlock(last.pos(), to - last.pos(), status));
                return;
            }
        }
        out.add(new StatusBlock(from, to - from, status));
    }
}
