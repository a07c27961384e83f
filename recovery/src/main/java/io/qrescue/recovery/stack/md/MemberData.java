package io.qrescue.recovery.stack.md;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One member's data area as an array reads it: {@code size} bytes from the member's data offset on its image
 * ({@code area}, a slice of the rescued image), with what the assembly knows of them. Bytes past the image's end
 * (a truncated member) read as zeros and are unreadable; from {@code doubtFrom} on (0 for a stale member the
 * array needs, the recovery offset of a member still being rebuilt) the bytes are of unknown provenance for the
 * reason {@code doubt}.
 */
public final class MemberData implements ImageSource {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final String label;
    private final String imageName;
    private final long imageOffset;
    private final ImageSource area;
    private final long size;
    private final long doubtFrom;
    private final String doubt;

    private MemberData(String label, String imageName, long imageOffset, ImageSource area, long size, long doubtFrom,
            String doubt) {
        this.label = label;
        this.imageName = imageName;
        this.imageOffset = imageOffset;
        this.area = area;
        this.size = size;
        this.doubtFrom = doubtFrom;
        this.doubt = doubt;
    }

    /**
     * The {@code size} bytes of the member named {@code label} at {@code imageOffset} of {@code image} (called
     * {@code imageName} in damage origins), all trusted as far as the image's own damage goes.
     */
    public static MemberData of(String label, ImageSource image, String imageName, long imageOffset, long size) {
        long inImage = Math.max(0, Math.min(size, image.size() - imageOffset));
        return new MemberData(label, imageName, imageOffset, image.slice(Math.min(imageOffset, image.size()), inImage),
                size, Long.MAX_VALUE, null);
    }

    /** The same bytes, those from {@code from} on of unknown provenance because of {@code why}. */
    public MemberData doubted(long from, String why) {
        return new MemberData(label, imageName, imageOffset, area, size, Math.max(0, from), why);
    }

    /** The member's name in messages ("disk2.img p3"). */
    public String label() {
        return label;
    }

    /** True when some of the bytes are in doubt (a stale member, or one still being rebuilt). */
    public boolean doubtful() {
        return doubt != null && doubtFrom < size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (offset >= size) {
            return 0;
        }
        int want = (int) Math.min(dst.remaining(), size - offset);
        int n = 0;
        if (offset < area.size()) {
            n = area.read(offset, dst.slice(dst.position(), (int) Math.min(want, area.size() - offset)));
        }
        dst.position(dst.position() + n);
        for (int left = want - n; left > 0; ) {
            int z = Math.min(left, ZEROS.length);
            dst.put(ZEROS, 0, z);
            left -= z;
        }
        return want;
    }

    @Override
    public List<Damage> damageIn(long offset, long length) {
        long from = Math.max(0, offset);
        long to = Math.min(size, offset + Math.max(0, length));
        List<Damage> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        List<Damage> unreadable = new ArrayList<>();
        long inArea = Math.min(to, area.size());
        if (from < inArea) {
            unreadable.addAll(area.damageIn(from, inArea - from));
        }
        long past = Math.max(from, area.size());
        if (past < to) {
            unreadable.add(new Damage(past, to - past, DamageKind.UNREADABLE, BlockStatus.NON_TRIED,
                    new Damage.Origin(imageName, imageOffset + past), "past the end of " + label + " (truncated)"));
        }
        long doubtStart = Math.max(from, doubtFrom);
        if (doubt == null || doubtStart >= to) {
            return unreadable;
        }
        // unreadable bytes stay unreadable; the rest of the doubted range is unknown
        long cursor = from;
        for (Damage d : unreadable) {
            addDoubt(out, Math.max(cursor, doubtStart), d.offset());
            out.add(d);
            cursor = d.end();
        }
        addDoubt(out, Math.max(cursor, doubtStart), to);
        return out;
    }

    private void addDoubt(List<Damage> out, long from, long to) {
        if (from < to) {
            out.add(new Damage(from, to - from, DamageKind.UNKNOWN, BlockStatus.NON_TRIED,
                    new Damage.Origin(imageName, imageOffset + from), doubt));
        }
    }
}
