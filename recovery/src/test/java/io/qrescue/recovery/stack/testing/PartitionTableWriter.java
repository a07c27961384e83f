package io.qrescue.recovery.stack.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/** Writes a GPT (protective MBR, primary and backup header + 128 entries) or a plain MBR into an image (test-only). */
public final class PartitionTableWriter {

    /** "Microsoft basic data", what QNAP's partitions show in fdisk (sample 02). */
    public static final String BASIC_DATA = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7";
    public static final String LINUX_RAID = "A19D880F-05FC-4D3B-A006-743F0F84911E";

    /** A partition to write: inclusive LBA range. */
    public record Part(long firstLba, long lastLba, String typeGuid, String name, int mbrType) {
    }

    public final List<Part> parts = new ArrayList<>();
    public String diskGuid = "AEFC8B50-1DBC-46F6-844F-60D7BD2704AB";

    public PartitionTableWriter add(long firstLba, long lastLba, String name) {
        parts.add(new Part(firstLba, lastLba, BASIC_DATA, name, 0x83));
        return this;
    }

    /** Where a writer puts bytes: {@code bytes} at byte {@code offset} of the disk. */
    public interface Sink {
        void put(long offset, byte[] bytes);
    }

    /** Writes a GPT with 128 entries of 128 bytes (entries at LBA 2, backup entries 33 sectors before the end). */
    public void writeGpt(byte[] img) {
        writeGpt(img.length, (off, b) -> System.arraycopy(b, 0, img, (int) off, b.length));
    }

    /** The same onto a disk of {@code diskBytes} reached through {@code sink} (a sparse file of terabytes). */
    public void writeGpt(long diskBytes, Sink sink) {
        long lastLba = diskBytes / 512 - 1;
        byte[] mbr = new byte[512];
        mbrEntry(mbr, 0, 0xEE, 1, Math.min(lastLba, 0xffffffffL));
        LeWriter.u16(mbr, 510, 0xAA55);
        sink.put(0, mbr);
        byte[] entries = new byte[128 * 128];
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            int e = 128 * i;
            guid(entries, e, p.typeGuid());
            guid(entries, e + 16, new UUID(0x1234L + i, 0x5678L + i).toString());
            LeWriter.u64(entries, e + 32, p.firstLba());
            LeWriter.u64(entries, e + 40, p.lastLba());
            byte[] n = p.name().getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(n, 0, entries, e + 56, Math.min(72, n.length));
        }
        long entriesCrc = crc(entries, 0, entries.length);
        long backupEntriesLba = lastLba - 32;
        sink.put(2 * 512, entries);
        sink.put(backupEntriesLba * 512, entries);
        writeHeader(sink, 1, lastLba, 2, lastLba, entriesCrc);
        writeHeader(sink, lastLba, 1, backupEntriesLba, lastLba, entriesCrc);
    }

    private void writeHeader(Sink sink, long myLba, long alternate, long entriesLba, long lastLba, long entriesCrc) {
        byte[] h = new byte[512];
        LeWriter.ascii(h, 0, "EFI PART");
        LeWriter.u32(h, 8, 0x00010000);
        LeWriter.u32(h, 12, 92);
        LeWriter.u64(h, 24, myLba);
        LeWriter.u64(h, 32, alternate);
        LeWriter.u64(h, 40, 34);
        LeWriter.u64(h, 48, lastLba - 33);
        guid(h, 56, diskGuid);
        LeWriter.u64(h, 72, entriesLba);
        LeWriter.u32(h, 80, 128);
        LeWriter.u32(h, 84, 128);
        LeWriter.u32(h, 88, entriesCrc);
        LeWriter.u32(h, 16, crc(h, 0, 92));
        sink.put(myLba * 512, h);
    }

    /** Writes an MBR with up to four primary partitions. */
    public void writeMbr(byte[] img) {
        byte[] mbr = new byte[512];
        for (int i = 0; i < parts.size() && i < 4; i++) {
            Part p = parts.get(i);
            mbrEntry(mbr, i, p.mbrType(), p.firstLba(), p.lastLba() - p.firstLba() + 1);
        }
        LeWriter.u16(mbr, 510, 0xAA55);
        System.arraycopy(mbr, 0, img, 0, 512);
    }

    private static void mbrEntry(byte[] mbr, int i, int type, long first, long count) {
        int e = 446 + 16 * i;
        mbr[e + 4] = (byte) type;
        LeWriter.u32(mbr, e + 8, first);
        LeWriter.u32(mbr, e + 12, count);
    }

    /** Mixed-endian GUID bytes (first three fields little-endian). */
    static void guid(byte[] b, int off, String text) {
        String hex = text.replace("-", "");
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
        for (int i = 0; i < 16; i++) {
            b[off + order[i]] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
    }

    static long crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }
}
