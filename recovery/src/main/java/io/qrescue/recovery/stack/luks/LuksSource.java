package io.qrescue.recovery.stack.luks;

import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The decrypted payload of an opened LUKS volume, as dm-crypt shows it: byte 0 is the payload's first byte, sector
 * IVs count 512-byte units from there (plus the LUKS2 iv_tweak). Large reads are decrypted in parallel pieces on the
 * common fork-join pool. Its damage is the damage of the volume below, widened to whole encryption sectors: a sector
 * with one bad byte decrypts to garbage. Reads keep no state between calls, so threads may share one; closing it
 * forgets the key and does not close the volume below.
 */
public final class LuksSource implements ImageSource {

    /** Reads at least this long are split into pieces of this size decrypted in parallel. */
    static final int PARALLEL_PIECE_BYTES = 64 * 1024;

    private final String name;
    private final ImageSource volume;
    private final LuksHeader header;
    private final byte[] key;
    private final long size;
    private final int sectorBytes;
    private final ThreadLocal<SectorCipher> ciphers;
    private final ThreadLocal<byte[][]> scratch = ThreadLocal.withInitial(() -> new byte[2][0]);

    LuksSource(String name, ImageSource volume, LuksHeader header, byte[] key) throws UnsupportedLuksException {
        this.name = name;
        this.volume = volume;
        this.header = header;
        this.key = key.clone();
        this.sectorBytes = header.sectorBytes();
        this.size = header.payloadBytes(volume.size());
        CipherSpec spec = CipherSpec.parse(header.cipher());
        spec.newCipher(this.key, sectorBytes); // fails now, not on the first read, for a key size AES does not take
        this.ciphers = ThreadLocal.withInitial(() -> {
            try {
                return spec.newCipher(this.key, sectorBytes);
            } catch (UnsupportedLuksException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The same payload decrypted from {@code sameVolume}: another view of the volume's bytes (e.g. with its damage). */
    public LuksSource over(ImageSource sameVolume) throws UnsupportedLuksException {
        return new LuksSource(name, sameVolume, header, key);
    }

    /** The volume name messages use. */
    public String name() {
        return name;
    }

    /** The header this payload was opened with. */
    public LuksHeader header() {
        return header;
    }

    /** The encrypted volume below (header, key material and payload). */
    public ImageSource volume() {
        return volume;
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
        if (offset >= size || !dst.hasRemaining()) {
            return 0;
        }
        int want = (int) Math.min(dst.remaining(), size - offset);
        long first = offset / sectorBytes * sectorBytes;
        long end = Math.min(size, ceil(offset + want));
        int bytes = (int) (end - first);
        byte[][] buffers = scratch.get();
        if (buffers[0].length < bytes) {
            buffers[0] = new byte[bytes];
            buffers[1] = new byte[bytes];
        }
        byte[] in = buffers[0];
        byte[] out = buffers[1];
        ByteBuffer window = ByteBuffer.wrap(in, 0, bytes);
        int n = volume.read(header.payloadOffsetBytes() + first, window);
        Arrays.fill(in, Math.max(0, n), bytes, (byte) 0); // the volume ends first: as MappedSource, zeros
        decrypt(in, out, bytes, first);
        dst.put(out, (int) (offset - first), want);
        return want;
    }

    private void decrypt(byte[] in, byte[] out, int bytes, long first) {
        int step = sectorBytes / 512;
        long firstIv = header.ivTweak() + first / 512;
        if (bytes < 2 * PARALLEL_PIECE_BYTES) {
            ciphers.get().decrypt(in, 0, out, 0, bytes, firstIv);
            return;
        }
        int piece = Math.max(sectorBytes, PARALLEL_PIECE_BYTES / sectorBytes * sectorBytes);
        int pieces = (bytes + piece - 1) / piece;
        IntStream.range(0, pieces).parallel().forEach(i -> {
            int at = i * piece;
            int len = Math.min(piece, bytes - at);
            ciphers.get().decrypt(in, at, out, at, len, firstIv + (long) at / sectorBytes * step);
        });
    }

    @Override
    public List<Damage> damageIn(long offset, long length) {
        long from = Math.max(0, offset);
        long to = Math.min(size, offset + Math.max(0, length));
        List<Damage> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        long sFrom = from / sectorBytes * sectorBytes;
        long sTo = ceil(to);
        long base = header.payloadOffsetBytes();
        for (Damage d : volume.damageIn(base + sFrom, sTo - sFrom)) {
            long start = Math.max(sFrom, (d.offset() - base) / sectorBytes * sectorBytes);
            long end = Math.min(sTo, ceil(d.end() - base));
            Damage last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && start < last.end()) {
                start = last.end(); // an earlier run already claims the shared sector
            }
            if (start >= end) {
                continue;
            }
            Damage.Origin origin = null;
            if (d.origin() != null) {
                long before = d.offset() - base - start; // bytes of the widened run before the bad bytes
                origin = before >= 0 && d.origin().offset() >= before ? d.origin().plus(-before) : d.origin();
            }
            Damage widened = new Damage(start, end - start, d.kind(), d.status(), origin, d.cause());
            if (last != null && last.end() == start && last.kind() == d.kind() && last.status() == d.status()
                    && last.cause().equals(d.cause())) {
                out.set(out.size() - 1, new Damage(last.offset(), end - last.offset(), last.kind(), last.status(),
                        last.origin(), last.cause()));
            } else {
                out.add(widened);
            }
        }
        List<Damage> clipped = new ArrayList<>(out.size());
        for (Damage d : out) {
            Damage c = d.clipped(from, to);
            if (c != null) {
                clipped.add(c);
            }
        }
        return clipped;
    }

    private long ceil(long n) {
        return (n + sectorBytes - 1) / sectorBytes * sectorBytes;
    }

    @Override
    public void close() {
        Arrays.fill(key, (byte) 0);
    }
}
