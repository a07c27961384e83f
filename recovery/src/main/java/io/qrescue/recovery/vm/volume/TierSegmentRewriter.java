package io.qrescue.recovery.vm.volume;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.lvm.LvmCrc;
import io.qrescue.recovery.stack.lvm.MdaHeader;
import io.qrescue.recovery.stack.lvm.PvReader;
import io.qrescue.recovery.stack.lvm.PvScan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Turns a stock thin pool into what QNAP's lvm writes: in the newest metadata text of the PV's first metadata
 * area, {@code type = "thin-pool"} becomes {@code type = "tier-thin-pool"}; then the text's size and checksum in
 * its raw_locn and the mda header checksum are recomputed. {@link PvReader} finds the label, pv_header and mda
 * header. Only for making test volumes: it writes the image.
 */
public final class TierSegmentRewriter {
    static final String STOCK = "type = \"thin-pool\"";
    static final String QNAP = "type = \"tier-thin-pool\"";

    /** What was changed, for the fixture's notes. */
    public record Rewrite(long mdaHeaderOffsetBytes, long textOffsetBytes, long oldSizeBytes, long newSizeBytes,
                          int oldTextChecksum, int newTextChecksum) {
    }

    private TierSegmentRewriter() {
    }

    /** Rewrites the PV that starts at {@code pvOffsetBytes} of {@code image}. */
    public static Rewrite rewrite(Path image, long pvOffsetBytes) throws IOException {
        MdaHeader header;
        try (FileImageSource source = FileImageSource.open(image)) {
            PvScan scan = PvReader.read(source.slice(pvOffsetBytes, source.size() - pvOffsetBytes));
            check(scan.label() != null, image + ": no LVM label in the 4 sectors at byte " + pvOffsetBytes);
            check(!scan.mdaHeaders().isEmpty(), image + ": PV at byte " + pvOffsetBytes + " has no metadata area");
            header = scan.mdaHeaders().get(0);
        }
        long mdaHeaderAt = pvOffsetBytes + header.offsetBytes();
        check(header.checksumOk(), image + ": mda header checksum wrong at byte " + mdaHeaderAt);
        check(!header.rawLocations().isEmpty(), image + ": no committed metadata at byte " + mdaHeaderAt);
        long mdaSize = header.sizeBytes();
        long textOffset = header.rawLocations().get(0).offsetBytes();
        long textSize = header.rawLocations().get(0).sizeBytes();
        int textChecksum = (int) header.rawLocations().get(0).checksum();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer mda = read(ch, mdaHeaderAt, 512);
            check(textOffset + textSize <= mdaSize, image + ": metadata text wraps around the circular buffer");
            ByteBuffer textBuf = read(ch, mdaHeaderAt + textOffset, (int) textSize);
            check((int) LvmCrc.of(textBuf.array(), 0, (int) textSize) == textChecksum, image
                    + ": metadata text checksum wrong at byte " + (mdaHeaderAt + textOffset));
            // the stored size counts the text's terminating NUL
            String text = new String(textBuf.array(), 0, (int) textSize - 1, StandardCharsets.UTF_8);
            check(text.contains(STOCK), image + ": no thin-pool segment in the metadata text");
            byte[] newText = (text.replace(STOCK, QNAP) + "\0").getBytes(StandardCharsets.UTF_8);
            check(textOffset + newText.length <= mdaSize, image + ": rewritten text does not fit the metadata area");
            int newChecksum = (int) LvmCrc.of(newText, 0, newText.length);
            write(ch, mdaHeaderAt + textOffset, newText);
            mda.putLong(48, newText.length);
            mda.putInt(56, newChecksum);
            mda.putInt(0, (int) LvmCrc.of(mda.array(), 4, 508));
            write(ch, mdaHeaderAt, mda.array());
            ch.force(true);
            return new Rewrite(mdaHeaderAt, mdaHeaderAt + textOffset, textSize, newText.length, textChecksum,
                    newChecksum);
        }
    }

    private static void check(boolean ok, String message) throws IOException {
        if (!ok) {
            throw new IOException(message);
        }
    }

    private static ByteBuffer read(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw new IOException("image ends before byte " + (offset + length));
            }
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void write(FileChannel ch, long offset, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b, offset + b.position());
        }
    }
}
