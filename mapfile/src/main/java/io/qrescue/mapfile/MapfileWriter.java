package io.qrescue.mapfile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a mapfile byte for byte as ddrescue 1.27 does (ddrescue: Mapfile::write_mapfile): header comments,
 * the status message, {@code 0x%08llX     %c               %d} and {@code 0x%08llX  0x%08llX  %c} lines,
 * and with an annotation domain ddrescuelog -A's human-readable comments. The text is ISO-8859-1 and is
 * formatted straight into bytes: a million-block map is never a String or a StringBuilder of chars.
 */
public final class MapfileWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);

    private MapfileWriter() {
    }

    /** The whole mapfile as text. */
    public static String toText(Mapfile mapfile, MapfileHeader header) {
        return toText(mapfile, header, null, false);
    }

    /**
     * The whole mapfile as text.
     *
     * @param annotate       blocks inside this domain get ddrescuelog -A comments; null for none
     * @param binaryPrefixes use binary prefixes in the annotations (ddrescuelog -B)
     */
    public static String toText(Mapfile mapfile, MapfileHeader header, Domain annotate, boolean binaryPrefixes) {
        return new String(toBytes(mapfile, mapfile.blocks(), header, annotate, binaryPrefixes),
                StandardCharsets.ISO_8859_1);
    }

    /** The whole mapfile as the bytes ddrescue writes (what a saver puts in the file). */
    public static byte[] toBytes(Mapfile mapfile, MapfileHeader header) {
        return toBytes(mapfile, mapfile.blocks(), header, null, false);
    }

    /**
     * The status line of {@code mapfile} with {@code blocks} as text: for block lists that are not a map
     * (ddrescuelog --shift can leave a gap before a map that did not start at 0).
     */
    public static String toText(Mapfile mapfile, Iterable<StatusBlock> blocks, MapfileHeader header) {
        return new String(toBytes(mapfile, blocks, header, null, false), StandardCharsets.ISO_8859_1);
    }

    private static byte[] toBytes(Mapfile mapfile, Iterable<StatusBlock> blocks, MapfileHeader header,
            Domain annotate, boolean binaryPrefixes) {
        // a ddrescue block line is 26 characters up to 32 GiB positions, 30 up to 8 TiB
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * (mapfile.blocks().blockCount() + 8));
        try {
            write(mapfile, blocks, header, annotate, binaryPrefixes, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Writes the mapfile to {@code out} (not closed, not flushed). */
    public static void write(Mapfile mapfile, MapfileHeader header, OutputStream out) throws IOException {
        write(mapfile, mapfile.blocks(), header, null, false, out);
    }

    /**
     * Writes the mapfile to {@code out} through a buffer of its own (not closed, not flushed).
     *
     * @param annotate       blocks inside this domain get ddrescuelog -A comments; null for none
     * @param binaryPrefixes use binary prefixes in the annotations (ddrescuelog -B)
     */
    public static void write(Mapfile mapfile, MapfileHeader header, Domain annotate, boolean binaryPrefixes,
            OutputStream out) throws IOException {
        write(mapfile, mapfile.blocks(), header, annotate, binaryPrefixes, out);
    }

    /** Appends the mapfile to {@code out}. */
    public static void write(Mapfile mapfile, MapfileHeader header, Domain annotate, boolean binaryPrefixes,
            Appendable out) throws IOException {
        out.append(toText(mapfile, header, annotate, binaryPrefixes));
    }

    private static void write(Mapfile mapfile, Iterable<StatusBlock> blocks, MapfileHeader header, Domain annotate,
            boolean binaryPrefixes, OutputStream stream) throws IOException {
        ByteSink out = new ByteSink(stream);
        out.text("# Mapfile. Created by ").text(header.creator()).text(" version ")
                .text(MapfileHeader.DDRESCUE_VERSION).ch('\n');
        out.text("# Command line: ").text(header.commandLine()).ch('\n');
        out.text("# Start time:   ").text(header.startTime()).ch('\n');
        if (header.currentTime() != null && !header.currentTime().isEmpty()) {
            out.text("# Current time: ").text(header.currentTime()).ch('\n');
        }
        if (!mapfile.message().isEmpty()) {
            out.text("# ").text(mapfile.message()).ch('\n');
        }
        out.text("# current_pos  current_status  current_pass\n");
        out.hex(mapfile.currentPos());
        out.text("     ").ch(mapfile.runStatus().symbol()).text("               ")
                .text(Integer.toString(mapfile.currentPass()));
        if (annotate != null) {
            out.text("\t#  ").text(HumanNumbers.formatNum(mapfile.currentPos(), binaryPrefixes)).ch('B');
        }
        out.ch('\n');
        out.text("#      pos        size  status\n");
        for (StatusBlock sb : blocks) {
            out.hex(sb.pos()).text("  ").hex(sb.size()).text("  ").ch(sb.status().symbol());
            if (annotate != null && annotate.includes(sb)) {
                out.text("\t#  ").text(padLeft(HumanNumbers.formatNum(sb.pos(), binaryPrefixes), 9)).text("B  ")
                        .text(padLeft(HumanNumbers.formatNum(sb.size(), binaryPrefixes), 9))
                        .ch(sb.size() > 999999 ? 'B' : ' ');
            }
            out.ch('\n');
        }
        out.drain();
    }

    static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    /** ISO-8859-1 text into an output stream through a 64 KiB buffer. */
    private static final class ByteSink {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int length;

        ByteSink(OutputStream out) {
            this.out = out;
        }

        ByteSink ch(char c) throws IOException {
            if (length == buffer.length) {
                drain();
            }
            buffer[length++] = c <= 0xFF ? (byte) c : (byte) '?'; // as String.getBytes(ISO_8859_1) would
            return this;
        }

        ByteSink text(String text) throws IOException {
            for (int i = 0; i < text.length(); i++) {
                ch(text.charAt(i));
            }
            return this;
        }

        /** {@code 0x%08llX}: upper-case hex, at least 8 digits. */
        ByteSink hex(long value) throws IOException {
            if (value < 0) {
                return text("0x").text(Long.toHexString(value).toUpperCase());
            }
            int digits = Math.max(8, (67 - Long.numberOfLeadingZeros(value)) / 4);
            if (buffer.length - length < digits + 2) {
                drain();
            }
            buffer[length++] = '0';
            buffer[length++] = 'x';
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
                buffer[length++] = HEX[(int) ((value >>> shift) & 0xF)];
            }
            return this;
        }

        /** Hands the buffered bytes to the stream. */
        void drain() throws IOException {
            out.write(buffer, 0, length);
            length = 0;
        }
    }
}
