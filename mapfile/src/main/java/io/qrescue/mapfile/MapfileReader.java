package io.qrescue.mapfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads mapfiles exactly as ddrescue 1.27 does (ddrescue: Mapfile::read_mapfile): {@code #} starts a comment
 * only at the start of a line or after white space, lines are cut at 127 characters, numbers follow C's
 * {@code %lli}, and the first error stops the read with ddrescue's message and exit code. In strict mode
 * each block must start where the previous one ended; in loose mode blocks may come in any order, overlaps
 * of equal status merge, and gaps are filled with the loose fill status.
 */
public final class MapfileReader {

    private static final int MAX_LINE = 127;
    private static final byte[] HEX_VALUE = new byte[256]; // a hex digit's value, -1 for other bytes

    static {
        java.util.Arrays.fill(HEX_VALUE, (byte) -1);
        for (int d = 0; d < 16; d++) {
            HEX_VALUE["0123456789abcdef".charAt(d)] = (byte) d;
            HEX_VALUE["0123456789ABCDEF".charAt(d)] = (byte) d;
        }
    }

    private final InputStream in;
    private final String displayName;
    private final byte[] buffer;
    private int bufferIndex;
    private int bufferLimit;
    private final byte[] line = new byte[MAX_LINE];
    private final CScanner scan = new CScanner(line, 0);
    private int lineNumber;
    private long fastPos;              // the last line fastBlockLine read
    private long fastSize;
    private BlockStatus fastStatus;
    private long blocksRead;

    /** Reads from {@code in} through a buffer of its own, so the file is never held whole in memory. */
    private MapfileReader(InputStream in, String displayName) {
        this.in = in;
        this.displayName = displayName;
        this.buffer = new byte[1 << 16];
    }

    /** Reads {@code content}, which is its own buffer. */
    private MapfileReader(byte[] content, String displayName) {
        this.in = InputStream.nullInputStream();
        this.displayName = displayName;
        this.buffer = content;
        this.bufferLimit = content.length;
    }

    /**
     * Reads the mapfile at {@code file}; "-" is not special here (see {@link #read(InputStream, String,
     * BlockStatus)} for standard input).
     *
     * @param looseFill the status that fills gaps in loose mode, or null for strict mode
     * @throws MapfileNotReadableException if the file is missing or cannot be opened (exit 1)
     * @throws MapfileException exit 2 if it is invalid, exit 1 if reading it fails
     */
    public static Mapfile read(Path file, BlockStatus looseFill) throws MapfileException {
        return read(file, file.toString(), looseFill);
    }

    /**
     * Reads the mapfile at {@code file}, naming it {@code displayName} in messages (the name as the user typed
     * it, where {@code file} was resolved against a working directory).
     */
    public static Mapfile read(Path file, String displayName, BlockStatus looseFill) throws MapfileException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw notReadable(displayName);
        } catch (IOException e) {
            if (!Files.isReadable(file)) {
                throw notReadable(displayName);
            }
            throw new MapfileException(displayName + ": Error in mapfile, line 0: Read error.",
                    MapfileException.ENVIRONMENT, e);
        }
        // ddrescue opens a directory fine and then fails reading it before the first line: so do we
        try (in) {
            return read(in, displayName, looseFill);
        } catch (IOException e) {
            throw new MapfileException(displayName + ": Error in mapfile: " + e.getMessage(),
                    MapfileException.ENVIRONMENT, e); // closing a file we only read
        }
    }

    /** Reads a mapfile from a stream (standard input is shown as "(stdin)" by ddrescue); does not close it. */
    public static Mapfile read(InputStream in, String displayName, BlockStatus looseFill) throws MapfileException {
        return new MapfileReader(in, displayName).parse(looseFill);
    }

    /** Parses mapfile text; {@code displayName} is used in error messages. */
    public static Mapfile parse(byte[] content, String displayName, BlockStatus looseFill) throws MapfileException {
        return new MapfileReader(content, displayName).parse(looseFill);
    }

    /** The exception for a mapfile that is missing or cannot be opened. */
    public static MapfileNotReadableException notReadable(String displayName) {
        return new MapfileNotReadableException(displayName);
    }

    private Mapfile parse(BlockStatus looseFill) throws MapfileException {
        try {
            return parseLines(looseFill);
        } catch (IOException e) {
            throw error("Read error.", MapfileException.ENVIRONMENT, e);
        } catch (OutOfMemoryError e) {
            // the partly built map is garbage now; say which file did not fit
            throw new MapfileTooLargeError(displayName, blocksRead);
        }
    }

    private Mapfile parseLines(BlockStatus looseFill) throws MapfileException, IOException {
        boolean loose = looseFill != null;
        BlockMap map = new BlockMap();  // strict mode: blocks go straight into the map
        List<StatusBlock> blocks = null; // loose mode: blocks in any order, made a map at the end
        long lastEnd = -1;               // strict mode: end of the last block, -1 before the first
        long currentPos = 0;
        RunStatus runStatus = RunStatus.COPYING;
        int currentPass = 1;

        int length = nextLine();
        if (length >= 0) {
            CScanner status = scan;
            status.reset(line, length);
            boolean havePos = status.scanLongAnyBase();
            long pos = status.value();
            int ch = havePos ? status.scanCharAfterSpace() : -1;
            int parsedPass = ch >= 0 && status.scanInt() ? (int) status.value() : 1;
            RunStatus parsedStatus = RunStatus.fromSymbol(ch);
            if (!havePos || ch < 0 || pos < 0 || parsedStatus == null || parsedPass < 1) {
                throw error("Bad or missing status line.", MapfileException.CORRUPT);
            }
            currentPos = pos;
            runStatus = parsedStatus;
            currentPass = parsedPass;

            while (true) {
                long bpos;
                long bsize;
                BlockStatus bstatus;
                if (fastBlockLine()) {
                    bpos = fastPos;
                    bsize = fastSize;
                    bstatus = fastStatus;
                } else {
                    if ((length = nextLine()) < 0) {
                        break;
                    }
                    scan.reset(line, length);
                    boolean haveBlockPos = scan.scanLongAnyBase();
                    bpos = scan.value();
                    boolean haveSize = haveBlockPos && scan.scanLongAnyBase();
                    bsize = scan.value();
                    int bch = haveSize ? scan.scanCharAfterSpace() : -1;
                    bstatus = BlockStatus.fromSymbol(bch);
                    if (!haveSize || bch < 0 || bpos < 0 || bstatus == null) {
                        throw error("Bad block line in list.", MapfileException.CORRUPT);
                    }
                }
                if (!(bsize > 0 || (bsize == 0 && bpos == 0))) {
                    throw error("Bad block line in list.", MapfileException.CORRUPT);
                }
                if (bsize > Block.MAX_END - bpos) {
                    bsize = Block.MAX_END - bpos; // as StatusBlock clamps it
                }
                blocksRead++;
                if (!loose) {
                    if (lastEnd >= 0 && bpos != lastEnd) {
                        throw error("Blocks are not contiguous.", MapfileException.CORRUPT);
                    }
                    map.append(bpos, bsize, bstatus);
                    lastEnd = bpos + bsize;
                    continue;
                }
                if (blocks == null && (lastEnd < 0 || bpos == lastEnd)) {
                    map.append(bpos, bsize, bstatus); // loose, but in order so far
                    lastEnd = bpos + bsize;
                    continue;
                }
                if (blocks == null) {
                    blocks = map.toList(); // the first block out of order: ddrescue's insertion from here on
                }
                StatusBlock sb = new StatusBlock(bpos, bsize, bstatus);
                if (blocks.isEmpty() || sb.pos() == blocks.get(blocks.size() - 1).end()) {
                    blocks.add(sb);
                } else if (!insertSorted(blocks, sb)) {
                    throw error("Blocks of different status overlap.", MapfileException.CORRUPT);
                }
            }
            if (blocks != null) {
                fillGaps(blocks, looseFill);
                map = BlockMap.of(blocks);
            } else if (loose) {
                map.fillFrontAndBack(looseFill);
            }
        }
        return new Mapfile(currentPos, runStatus, currentPass, map);
    }

    /**
     * Reads the line at the read position without copying it if it is a block line as ddrescue writes it and
     * lies whole in the buffer: {@code 0x} hex position, blanks, {@code 0x} hex size, optional blanks, a status
     * character, anything up to the newline; numbers that fit a long; fields within the 127-character limit.
     * Then {@link #fastPos}, {@link #fastSize} and {@link #fastStatus} hold what the general path would read.
     * Anything else (comments, decimal or octal numbers, signs, leading blanks, a line across the end of the
     * buffer) returns false, consuming nothing, and the general path reads the line.
     */
    private boolean fastBlockLine() {
        byte[] b = buffer;
        int start = bufferIndex;
        int limit = Math.min(bufferLimit, start + MAX_LINE); // the fields must lie inside the kept 127 characters
        int i = start;
        if (limit - i < 2 || b[i] != '0' || (b[i + 1] | 0x20) != 'x') {
            return false;
        }
        i += 2;
        long pos = 0;
        int digits = i;
        for (int d; i < limit && (d = HEX_VALUE[b[i] & 0xFF]) >= 0; i++) {
            if (pos > (Long.MAX_VALUE >>> 4)) {
                return false; // saturation is the general path's
            }
            pos = pos << 4 | d;
        }
        if (i == digits || i >= limit || (b[i] != ' ' && b[i] != '\t')) {
            return false;
        }
        while (i < limit && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (limit - i < 2 || b[i] != '0' || (b[i + 1] | 0x20) != 'x') {
            return false;
        }
        i += 2;
        long size = 0;
        digits = i;
        for (int d; i < limit && (d = HEX_VALUE[b[i] & 0xFF]) >= 0; i++) {
            if (size > (Long.MAX_VALUE >>> 4)) {
                return false;
            }
            size = size << 4 | d;
        }
        if (i == digits) {
            return false;
        }
        while (i < limit && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i >= limit) {
            return false;
        }
        BlockStatus status = BlockStatus.fromSymbol(b[i] & 0xFF);
        if (status == null) {
            return false;
        }
        int end = i + 1;
        while (end < bufferLimit && b[end] != '\n') {
            end++; // the rest of the line is ignored, as the general path ignores it
        }
        if (end >= bufferLimit) {
            return false;
        }
        bufferIndex = end + 1;
        ++lineNumber;
        fastPos = pos;
        fastSize = size;
        fastStatus = status;
        return true;
    }

    private MapfileException error(String message, int exitCode) {
        return error(message, exitCode, null);
    }

    private MapfileException error(String message, int exitCode, Throwable cause) {
        return new MapfileException(displayName + ": Error in mapfile, line " + lineNumber + ": " + message, exitCode,
                cause);
    }

    private int nextByte() throws IOException {
        if (bufferIndex == bufferLimit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return -1;
            }
            bufferIndex = 0;
            bufferLimit = n;
        }
        return buffer[bufferIndex++] & 0xFF;
    }

    /** ddrescue's my_fgetc: a '#' where a comment may start swallows the rest of the line. */
    private int nextChar(boolean commentAllowed) throws IOException {
        int ch = nextByte();
        if (ch == '#' && commentAllowed) {
            do {
                ch = nextByte();
            } while (ch != '\n' && ch != -1);
        }
        return ch;
    }

    /**
     * ddrescue's my_fgets: reads the next non-blank line without comments, cut to 127 characters, into
     * {@code line}; returns its length, or -1 at EOF.
     */
    private int nextLine() throws IOException {
        int ch;
        do {
            ch = nextChar(true);
            if (ch == '\n') {
                ++lineNumber;
            }
        } while (CScanner.isSpace(ch));
        if (ch == -1) {
            return -1;
        }
        int len = 0;
        while (true) {
            if (ch == -1) {
                ch = '\n';
            }
            if (len < MAX_LINE) {
                line[len++] = (byte) ch;
            }
            if (ch == '\n') {
                ++lineNumber;
                break;
            }
            ch = nextChar(CScanner.isSpace(ch));
        }
        return len;
    }

    /** Inserts sb in order or merges it with overlapping blocks of its status; false on a status conflict. */
    private static boolean insertSorted(List<StatusBlock> v, StatusBlock sb) {
        if (v.isEmpty() || sb.pos() >= v.get(v.size() - 1).end()) {
            v.add(sb);
            return true;
        }
        long pos = sb.pos();
        long end = sb.end();
        for (int i = 0; i < v.size(); i++) {
            if (end <= v.get(i).pos()) {
                if (i == 0 || pos >= v.get(i - 1).end()) {
                    v.add(i, sb);
                    return true;
                }
                break;
            }
        }
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).block().overlaps(sb.block())) {
                int j = i;
                while (j + 1 < v.size() && v.get(j + 1).block().overlaps(sb.block())) {
                    ++j;
                }
                for (int k = i; k <= j; k++) {
                    if (v.get(k).status() != sb.status()) {
                        return false;
                    }
                }
                long newPos = Math.min(pos, v.get(i).pos());
                long newEnd = Math.max(end, v.get(j).end());
                v.set(i, new StatusBlock(newPos, newEnd - newPos, v.get(i).status()));
                if (i < j) {
                    v.subList(i + 1, j + 1).clear();
                }
                return true;
            }
        }
        return false;
    }

    /** Fills gaps (and a gap before the first block) with {@code fill}; a last block of that status grows to the end. */
    private static void fillGaps(List<StatusBlock> v, BlockStatus fill) {
        if (v.isEmpty()) {
            return;
        }
        boolean gap = v.get(0).pos() > 0;
        for (int i = 1; !gap && i < v.size(); i++) {
            gap = v.get(i - 1).end() != v.get(i).pos();
        }
        if (gap) {
            List<StatusBlock> filled = new ArrayList<>(v.size() * 2 + 1);
            if (v.get(0).pos() > 0) {
                filled.add(new StatusBlock(0, v.get(0).pos(), fill));
            }
            filled.add(v.get(0));
            for (int i = 1; i < v.size(); i++) {
                long lastEnd = filled.get(filled.size() - 1).end();
                if (v.get(i).pos() > lastEnd) {
                    filled.add(new StatusBlock(lastEnd, v.get(i).pos() - lastEnd, fill));
                }
                filled.add(v.get(i));
            }
            v.clear();
            v.addAll(filled);
        }
        StatusBlock back = v.get(v.size() - 1);
        if (!back.block().isFull() && back.status() == fill) {
            v.set(v.size() - 1, new StatusBlock(back.pos(), -1, fill));
        }
    }
}
