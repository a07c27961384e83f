package io.qrescue.recovery.source;

import io.qrescue.mapfile.BlockStatus;
import java.util.Objects;

/**
 * A run {@code [offset, offset + length)} of a source's bytes, in that source's own coordinates, that is not
 * good: {@link DamageKind#UNREADABLE} or {@link DamageKind#UNKNOWN}. {@code status} is what an output mapfile
 * records for it (never finished): the image's own status for unreadable bytes, non-tried for unknown ones
 * unless the layer that doubts them says otherwise. {@code origin} is where the run's first byte lies on a
 * rescued image (null when the run has no single place there, as for unknown provenance), and {@code cause} one
 * short phrase for people ("bad-sector", "mapping leaf at tmeta block 812 fails its checksum").
 */
public record Damage(long offset, long length, DamageKind kind, BlockStatus status, Origin origin, String cause) {

    /** A byte offset on a named rescued image (the bottom of a stack). */
    public record Origin(String image, long offset) {

        public Origin {
            Objects.requireNonNull(image, "image");
            if (offset < 0) {
                throw new IllegalArgumentException("negative origin offset " + offset);
            }
        }

        /** The same image, {@code delta} bytes further. */
        public Origin plus(long delta) {
            return new Origin(image, offset + delta);
        }
    }

    public Damage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cause, "cause");
        if (offset < 0 || length <= 0 || status == BlockStatus.FINISHED) {
            throw new IllegalArgumentException("bad damage " + offset + "+" + length + " " + status);
        }
    }

    /** Unreadable bytes of the rescued image {@code image}, with the status its mapfile gives them. */
    public static Damage unreadable(long offset, long length, BlockStatus status, String image) {
        return new Damage(offset, length, DamageKind.UNREADABLE, status, new Origin(image, offset), status.label());
    }

    /** Bytes whose provenance is in doubt, for the reason {@code cause}; an output map records them non-tried. */
    public static Damage unknown(long offset, long length, String cause) {
        return new Damage(offset, length, DamageKind.UNKNOWN, BlockStatus.NON_TRIED, null, cause);
    }

    public long end() {
        return offset + length;
    }

    /**
     * This run as seen {@code delta} bytes further on in a layer above (a slice, an extent of a volume): the
     * origin and cause stay with the bytes.
     */
    public Damage shifted(long delta) {
        return new Damage(offset + delta, length, kind, status, origin, cause);
    }

    /** The part of this run inside {@code [from, to)}, or null when they do not meet; the origin follows the start. */
    public Damage clipped(long from, long to) {
        long s = Math.max(from, offset);
        long e = Math.min(to, end());
        if (s >= e) {
            return null;
        }
        return new Damage(s, e - s, kind, status, origin == null ? null : origin.plus(s - offset), cause);
    }

    /**
     * This run for people: "bytes 4096..4608 are unreadable (bad-sector, disk.img at 8392704)", or for unknown
     * provenance "bytes 0..65536 are unknown (mapping leaf at tmeta block 812 fails its checksum)".
     */
    public String describe() {
        return "bytes " + offset + ".." + end() + " are " + kind.label() + " (" + cause
                + (origin == null ? "" : ", " + origin.image() + " at " + origin.offset()) + ")";
    }

    /** Bytes in all of {@code runs}. */
    public static long totalBytes(Iterable<Damage> runs) {
        long n = 0;
        for (Damage d : runs) {
            n += d.length();
        }
        return n;
    }
}
