package io.qrescue.recovery.testing;

import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.ArrayNode;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.PartitionNode;
import io.qrescue.recovery.stack.PvNode;
import io.qrescue.recovery.stack.lvm.LvmCrc;
import io.qrescue.recovery.stack.lvm.MdaHeader;
import io.qrescue.recovery.stack.lvm.RawLocation;
import io.qrescue.recovery.stack.thin.BlockRole;
import io.qrescue.recovery.stack.thin.ThinMetadata;
import io.qrescue.recovery.testing.PatchedImage.Patch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * Test-only: where the metadata of a one-disk fixture (md, LVM, one thin pool) lies on its pristine image, and
 * {@link Patch}es that corrupt or rewrite it as a failing disk or a buggy writer would: LVM text rewritten with its
 * checksums fixed, a precommitted raw_locn 1, thin blocks rewritten with or without a fixed checksum.
 */
public final class FixtureStack {

    /** dm-thin's btree node and superblock checksum salts (the format notes, §4.3). */
    public static final int BTREE_SALT = 121107;
    public static final int SUPERBLOCK_SALT = 160774;

    private final ImageSource image;
    public final StackAnalysis analysis;
    /** Image offset of the chosen member's md superblock, or -1 without md. */
    public final long mdSuperblock;
    /** Image offset of the PV's first byte (its label is in sector 1). */
    public final long pvStart;
    /** Image offset of the first mda header. */
    public final long mdaHeader;
    /** Size of the first mda (header included). */
    public final long mdaSize;
    /** raw_locn 0 of the first mda: the committed text. */
    public final RawLocation committed;
    public final PoolAnalysis pool;
    /** The pool's tmeta on the image (one contiguous run). */
    public final Extent tmeta;

    private FixtureStack(ImageSource image, StackAnalysis analysis) {
        this.image = image;
        this.analysis = analysis;
        ArrayNode array = analysis.stack().arrays().isEmpty() ? null : analysis.stack().arrays().get(0);
        long md = -1;
        for (PartitionNode p : analysis.stack().disks().get(0).partitions()) {
            if (p.md().best() != null && array != null && p.md().best().arrayUuid().equals(array.array().uuid())) {
                md = p.startBytes() + p.md().best().offsetBytes();
            }
        }
        this.mdSuperblock = md;
        PvNode pv = array != null && array.pv() != null ? array.pv() : analysis.stack().plainPvs().get(0);
        // on an md array the placement maps to array bytes: its image place is the first copy's
        this.pvStart = pv.placements().get(0).imageOffsetOf(0);
        MdaHeader h = pv.scan().mdaHeaders().get(0);
        this.mdaHeader = pvStart + h.offsetBytes();
        this.mdaSize = h.sizeBytes();
        this.committed = h.rawLocations().get(0);
        this.pool = analysis.pools().isEmpty() ? null : analysis.pools().get(0);
        if (pool != null) {
            var placement = pool.node().tmeta().placements().get(0);
            long size = placement.toImage().logicalSize();
            List<io.qrescue.recovery.stack.Placement.ImageSpan> spans = placement.imageSpans(0, size);
            if (spans.size() != 1 || spans.get(0).lengthBytes() != size) {
                throw new IllegalArgumentException("tmeta is not one contiguous run of the image");
            }
            this.tmeta = new Extent(0, size, spans.get(0).offsetBytes());
        } else {
            this.tmeta = null;
        }
    }

    /** The layout of {@code image}, a pristine fixture. */
    public static FixtureStack of(ImageSource image) {
        return new FixtureStack(image, StackAnalysis.analyze(List.of(new NamedImage("pristine", image))));
    }

    public ThinMetadata thin() {
        return pool.metadata();
    }

    /** The thin device id of volume {@code name} ("vg1/lv1"). */
    public long deviceId(String name) {
        return analysis.volume(name).deviceId();
    }

    /** Image offset of tmeta block {@code block}. */
    public long tmetaBlock(long block) {
        return tmeta.physicalStart() + block * thin().blockSizeBytes();
    }

    /** Live thin metadata blocks with their roles. */
    public NavigableMap<Long, List<BlockRole>> liveBlocks() {
        return thin().liveBlocks().all();
    }

    /** The live blocks of {@code kind} (first role), ascending. */
    public List<Long> blocksOf(io.qrescue.recovery.stack.thin.BlockKind kind, long deviceId) {
        List<Long> out = new ArrayList<>();
        for (Map.Entry<Long, List<BlockRole>> e : liveBlocks().entrySet()) {
            if (e.getValue().stream().anyMatch(r -> r.kind() == kind && (deviceId < 0 || r.deviceId() == deviceId))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    public byte[] read(long offset, int length) throws IOException {
        return image.readFully(offset, length);
    }

    /** The committed metadata text (without its NUL). */
    public String committedText() throws IOException {
        byte[] b = read(mdaHeader + committed.offsetBytes(), (int) committed.sizeBytes() - 1);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The committed text replaced by {@code edit(text)} in place, raw_locn 0 and the header checksummed again. */
    public List<Patch> rewriteCommitted(UnaryOperator<String> edit) throws IOException {
        byte[] text = (edit.apply(committedText()) + "\0").getBytes(StandardCharsets.ISO_8859_1);
        if (committed.offsetBytes() + text.length > mdaSize) {
            throw new IllegalArgumentException("rewritten text does not fit the metadata area");
        }
        ByteBuffer header = ByteBuffer.wrap(read(mdaHeader, 512)).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(40 + 8, text.length);
        header.putInt(40 + 16, (int) LvmCrc.of(text, 0, text.length));
        header.putInt(0, (int) LvmCrc.of(header.array(), 4, 508));
        return List.of(new Patch(mdaHeader + committed.offsetBytes(), text), new Patch(mdaHeader, header.array()));
    }

    /**
     * A precommitted text {@code edit(text)} written after the committed one (512-byte aligned, as lvm writes the
     * next text), with a valid checksum in raw_locn 1: what an interrupted lvm commit leaves behind.
     */
    public List<Patch> precommitted(UnaryOperator<String> edit) throws IOException {
        byte[] text = (edit.apply(committedText()) + "\0").getBytes(StandardCharsets.ISO_8859_1);
        long at = (committed.offsetBytes() + committed.sizeBytes() + 511) / 512 * 512;
        if (at + text.length > mdaSize) {
            throw new IllegalArgumentException("precommitted text does not fit the metadata area");
        }
        ByteBuffer header = ByteBuffer.wrap(read(mdaHeader, 512)).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(64, at);
        header.putLong(64 + 8, text.length);
        header.putInt(64 + 16, (int) LvmCrc.of(text, 0, text.length));
        header.putInt(64 + 20, 0);
        header.putInt(0, (int) LvmCrc.of(header.array(), 4, 508));
        return List.of(new Patch(mdaHeader + at, text), new Patch(mdaHeader, header.array()));
    }

    /** Thin metadata block {@code block} after {@code edit}, its checksum recomputed for {@code salt} when asked. */
    public Patch thinBlock(long block, java.util.function.Consumer<byte[]> edit, Integer salt) throws IOException {
        byte[] b = read(tmetaBlock(block), thin().blockSizeBytes());
        edit.accept(b);
        if (salt != null) {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, checksum(b, salt));
        }
        return new Patch(tmetaBlock(block), b);
    }

    /** dm-thin's block checksum: CRC-32C of bytes 4.. without the final inversion, XOR the salt. */
    public static int checksum(byte[] block, int salt) {
        CRC32C c = new CRC32C();
        c.update(block, 4, block.length - 4);
        return (int) ~c.getValue() ^ salt;
    }

    /** Image bytes {@code [offset, offset + length)} with bit {@code bit} of each byte at {@code at} flipped. */
    public Patch flip(long at, int bit) throws IOException {
        byte[] b = read(at, 1);
        b[0] ^= (byte) (1 << bit);
        return new Patch(at, b);
    }
}
