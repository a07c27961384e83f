package io.qrescue.mapfile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a mapfile byte for byte as ddrescue 1.27 does (ddrescue: Mapfile::write_mapfile): header comments,
 * the status message, {@code 0x%08llX     %c               %d} and {@code 0x%08llX  0x%08llX  %c} lines,
 * and with an annotation domain ddrescuelog -A's human-readable comments.
 */
public final class MapfileWriter {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
        // a ddrescue block line is 26 characters up to 32 GiB positions, 30 up to 8 TiB
        StringBuilder out = new StringBuilder(32 * (mapfile.blocks().blockCount() + 8));
        try {
            write(mapfile, header, annotate, binaryPrefixes, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    /** The whole mapfile as bytes (ISO-8859-1, as ddrescue writes it), without a String in between. */
    public static byte[] toBytes(Mapfile mapfile, MapfileHeader header) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(32 * (mapfile.blocks().blockCount() + 8));
        try {
            write(mapfile, header, null, false, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Writes the mapfile to {@code out} (not closed, not flushed). */
    public static void write(Mapfile mapfile, MapfileHeader header, OutputStream out) throws IOException {
        write(mapfile, header, null, false, out);
    }

    /**
     * Writes the mapfile to {@code out} through a buffer of its own, byte by byte as ddrescue writes it (not
     * closed, not flushed): a million-block map never exists as one String.
     *
     * @param annotate       blocks inside this domain get ddrescuelog -A comments; null for none
     * @param binaryPrefixes use binary prefixes in the annotations (ddrescuelog -B)
     */
    public static void write(Mapfile mapfile, MapfileHeader header, Domain annotate, boolean binaryPrefixes,
            OutputStream out) throws IOException {
        ByteSink sink = new ByteSink(out);
        write(mapfile, mapfile.blocks(), header, annotate, binaryPrefixes, sink);
        sink.drain();
    }

    /** ISO-8859-1 text into an output stream through a 64 KiB buffer. */
    private static final class ByteSink implements Appendable {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int length;

        ByteSink(OutputStream out) {
            this.out = out;
        }

        @Override
        public Appendable append(char c) throws IOException {
            if (length == buffer.length) {
                drain();
            }
            buffer[length++] = (byte) c;
            return this;
        }

        @Override
        public Appendable append(CharSequence text) throws IOException {
            for (int i = 0; i < text.length(); i++) {
                append(text.charAt(i));
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence text, int start, int end) throws IOException {
            return append(text.subSequence(start, end));
        }

        /** Hands the buffered bytes to the stream. */
        void drain() throws IOException {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    /** Appends the mapfile to {@code out}. */
    public static void write(Mapfile mapfile, MapfileHeader header, Domain annotate, boolean binaryPrefixes,
            Appendable out) throws IOException {
        write(mapfile, mapfile.blocks(), header, annotate, binaryPrefixes, out);
    }

    /**
     * The status line of {@code mapfile} with {@code blocks} as text: for block lists that are not a map
     * (ddrescuelog --shift can leave a gap before a map that did not start at 0).
     */
    public static String toText(Mapfile mapfile, Iterable<StatusBlock> blocks, MapfileHeader header) {
        StringBuilder out = new StringBuilder();
        try {
            write(mapfile, blocks, header, null, false, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(Mapfile mapfile, Iterable<StatusBlock> blocks, MapfileHeader header, Domain annotate,
            boolean binaryPrefixes, Appendable out) throws IOException {
        out.append("# Mapfile. Created by ").append(header.creator()).append(" version ")
                .append(MapfileHeader.DDRESCUE_VERSION).append('\n');
        out.append("# Command line: ").append(header.commandLine()).append('\n');
        out.append("# Start time:   ").append(header.startTime()).append('\n');
        if (header.currentTime() != null && !header.currentTime().isEmpty()) {
            out.append("# Current time: ").append(header.currentTime()).append('\n');
        }
        if (!mapfile.message().isEmpty()) {
            out.append("# ").append(mapfile.message()).append('\n');
        }
        out.append("# current_pos  current_status  current_pass\n");
        appendHex(out, mapfile.currentPos());
        out.append("     ").append(mapfile.runStatus().symbol()).append("               ")
                .append(Integer.toString(mapfile.currentPass()));
        if (annotate != null) {
            out.append("\t#  ").append(HumanNumbers.formatNum(mapfile.currentPos(), binaryPrefixes)).append('B');
        }
        out.append('\n');
        out.append("#      pos        size  status\n");
        for (StatusBlock sb : blocks) {
            appendHex(out, sb.pos());
            out.append("  ");
            appendHex(out, sb.size());
            out.append("  ").append(sb.status().symbol());
            if (annotate != null && annotate.includes(sb)) {
                out.append("\t#  ").append(padLeft(HumanNumbers.formatNum(sb.pos(), binaryPrefixes), 9)).append("B  ")
                        .append(padLeft(HumanNumbers.formatNum(sb.size(), binaryPrefixes), 9))
                        .append(sb.size() > 999999 ? 'B' : ' ');
            }
            out.append('\n');
        }
    }

    /** {@code 0x%08llX}: upper-case hex, at least 8 digits. */
    static void appendHex(Appendable out, long value) throws IOException {
        out.append("0x");
        if (value < 0) {
            out.append(Long.toHexString(value).toUpperCase());
            return;
        }
        int digits = Math.max(8, (67 - Long.numberOfLeadingZeros(value)) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(int) ((value >>> shift) & 0xF)]);
        }
    }

    static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
