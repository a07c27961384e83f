package io.qrescue.recovery.pipeline;

import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.analysis.MetadataDomain;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.md.CopyLayout;
import io.qrescue.recovery.stack.md.MdArraySource;
import io.qrescue.recovery.stack.md.MemberUse;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the md arrays with redundancy (RAID1/4/5/6/10) make retrying a member pointless: the bytes a member has not
 * read yet that the other members give back (another copy, or the rest of the stripe row with its parity), as the
 * arrays read over the images through their current maps show it. The imaging rounds scrape and retry a member only
 * outside these areas, so a dying disk is not hammered for data the array can rebuild; the areas stay unfinished in
 * the member's map (the array heals them when read). Also names the other members' bytes (the partners) that decide
 * whether a member's bad area heals, so a round can read those first.
 */
final class HealedAreas {

    /** Bytes {@code [pos, +size)} of image {@code imageIndex}. */
    record Area(int imageIndex, Block bytes) {
    }

    private final List<MdArraySource> arrays;

    HealedAreas(List<MdArraySource> arrays) {
        this.arrays = arrays.stream().filter(a -> a.layout().redundancy() > 0).toList();
    }

    /** The readable arrays of {@code analysis}, read through the images' maps (see {@link StackView}). */
    static HealedAreas of(StackAnalysis analysis) {
        return new HealedAreas(analysis.stack().arrays().stream().filter(ArrayNode::readable).map(ArrayNode::source)
                .toList());
    }

    /**
     * True when image {@code imageIndex} holds a member of an array with redundancy and at least one other member
     * (the only member present heals nothing: a one-disk job never needs the two passes).
     */
    boolean covers(int imageIndex) {
        for (MdArraySource a : arrays) {
            int present = 0;
            boolean here = false;
            for (int role = 0; role < a.layout().devices(); role++) {
                if (a.member(role) != null) {
                    present++;
                    here |= a.member(role).imageIndex() == imageIndex;
                }
            }
            if (here && present > 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes of image {@code imageIndex} inside {@code domain}'s finished blocks that {@code map} (the image's
     * rescue map) does not mark finished and that the other members of an array give back: retrying them gains
     * nothing. Sorted, disjoint.
     */
    List<Block> healed(int imageIndex, BlockMap map, BlockMap domain) {
        List<Block> out = new ArrayList<>();
        for (Block bad : unfinished(map, domain)) {
            forEachShare(imageIndex, bad, (a, role, s, e) -> {
                long base = a.member(role).imageOffset();
                for (MemberUse u : a.layout().reverse(role, s - base, e - s)) {
                    if (u.kind() == MemberUse.Kind.UNUSED) {
                        continue; // space the array does not use: nothing heals it, nothing needs it
                    }
                    long from = u.memberOffset();
                    for (long[] needed : a.neededIn(role, u.memberOffset(), u.length())) {
                        addBetween(out, base + from, base + needed[0]);
                        from = needed[1];
                    }
                    addBetween(out, base + from, base + u.memberEnd());
                }
            });
        }
        return joined(out);
    }

    /**
     * The other members' bytes that decide whether the bytes of image {@code imageIndex} inside {@code domain} that
     * {@code map} does not mark finished heal: the same rows of every other member of a parity array, the other
     * copies of a mirror's bytes.
     */
    List<Area> partners(int imageIndex, BlockMap map, BlockMap domain) {
        List<Area> out = new ArrayList<>();
        for (Block bad : unfinished(map, domain)) {
            forEachShare(imageIndex, bad, (a, role, s, e) -> {
                long m = s - a.member(role).imageOffset();
                if (a.layout() instanceof CopyLayout) {
                    for (MemberUse u : a.layout().reverse(role, m, e - s)) {
                        if (u.kind() != MemberUse.Kind.DATA) {
                            continue;
                        }
                        MemberUse.ArrayRange held = u.arrayRanges().get(0);
                        for (MdArraySource.ImagePiece p : a.imagePieces(held.offset(), held.length())) {
                            if (p.role() != role) {
                                out.add(new Area(p.imageIndex(), new Block(p.imageOffset(), p.length())));
                            }
                        }
                    }
                    return;
                }
                // a parity layout keeps each stripe row at the same member offsets on every member
                for (int other = 0; other < a.layout().devices(); other++) {
                    MdArraySource.Member o = a.member(other);
                    long end = Math.min(m + e - s, a.layout().memberBytes(other));
                    if (other != role && o != null && m < end) {
                        out.add(new Area(o.imageIndex(), new Block(o.imageOffset() + m, end - m)));
                    }
                }
            });
        }
        return out;
    }

    /** {@code domain} without {@code cut}: its finished blocks less those bytes (a domain is '+' where it reads). */
    static BlockMap without(BlockMap domain, List<Block> cut) {
        if (cut.isEmpty()) {
            return domain;
        }
        List<Block> kept = new ArrayList<>();
        for (StatusBlock d : domain) {
            if (d.status() != BlockStatus.FINISHED) {
                continue;
            }
            long from = d.pos();
            for (Block c : cut) {
                if (c.end() <= from || c.pos() >= d.end()) {
                    continue;
                }
                addBetween(kept, from, c.pos());
                from = Math.max(from, c.end());
            }
            addBetween(kept, from, d.end());
        }
        return MetadataDomain.covering(kept, domain.isEmpty() ? 0 : domain.extent().end());
    }

    /** How many bytes inside {@code domain}'s finished blocks {@code map} does not mark finished. */
    static long unfinishedBytes(BlockMap map, BlockMap domain) {
        return bytes(unfinished(map, domain));
    }

    /** Total bytes of disjoint {@code blocks}. */
    static long bytes(List<Block> blocks) {
        return blocks.stream().mapToLong(Block::size).sum();
    }

    /** A member share of an image range: array {@code a}, role, image bytes {@code [start, end)}. */
    private interface Share {
        void accept(MdArraySource a, int role, long start, long end);
    }

    /** Calls {@code share} for each part of {@code bytes} that lies in the data area of a member on the image. */
    private void forEachShare(int imageIndex, Block bytes, Share share) {
        for (MdArraySource a : arrays) {
            for (int role = 0; role < a.layout().devices(); role++) {
                MdArraySource.Member m = a.member(role);
                if (m == null || m.imageIndex() != imageIndex) {
                    continue;
                }
                long s = Math.max(bytes.pos(), m.imageOffset());
                long e = Math.min(bytes.end(), m.imageOffset() + a.layout().memberBytes(role));
                if (s < e) {
                    share.accept(a, role, s, e);
                }
            }
        }
    }

    /** The bytes inside {@code domain}'s finished blocks that {@code map} does not mark finished. */
    private static List<Block> unfinished(BlockMap map, BlockMap domain) {
        Readability tried = Readability.of(map);
        List<Block> out = new ArrayList<>();
        for (StatusBlock d : domain) {
            if (d.status() == BlockStatus.FINISHED && d.size() > 0) {
                for (StatusBlock b : tried.damageIn(d.pos(), d.size())) {
                    out.add(b.block());
                }
            }
        }
        return out;
    }

    private static void addBetween(List<Block> out, long from, long to) {
        if (from < to) {
            out.add(Block.between(from, to));
        }
    }

    /** Sorted and merged. */
    private static List<Block> joined(List<Block> in) {
        List<Block> sorted = new ArrayList<>(in);
        sorted.sort(java.util.Comparator.comparingLong(Block::pos));
        List<Block> out = new ArrayList<>();
        for (Block b : sorted) {
            Block last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && b.pos() <= last.end()) {
                out.set(out.size() - 1, Block.between(last.pos(), Math.max(last.end(), b.end())));
            } else {
                out.add(b);
            }
        }
        return out;
    }
}
