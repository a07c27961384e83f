package io.qrescue.recovery.vm.lvmfix;

import io.qrescue.recovery.stack.lvm.LvmCrc;
import io.qrescue.recovery.source.ImageSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a PV's committed metadata text: the LVM label in one of sectors 0-3 ("LABELONE", type "LVM2 001"), the
 * pv_header after it (UUID, data areas, metadata areas), the mda header at the metadata area (checksum, magic),
 * raw_locn[0] (offset, size, checksum of the text, which may wrap in the circular buffer).
 */
public final class PvMetadataReader {

    private static final int SECTOR = 512;
    private static final byte[] LABEL_ID = "LABELONE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL_TYPE = "LVM2 001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MDA_MAGIC = " LVM2 x[5A%r0N*>".getBytes(StandardCharsets.US_ASCII);
    private static final int MDA_HEADER_SIZE = 512;
    private static final long MAX_TEXT_BYTES = 64L << 20;

    private final String name;

    /** @param name the image's name, for messages */
    public PvMetadataReader(String name) {
        this.name = name;
    }

    /** Whether an LVM label is in sectors 0-3 of {@code pv}. */
    public boolean hasLabel(ImageSource pv) throws IOException {
        return labelSector(pv) >= 0;
    }

    /**
     * The committed text of the PV that starts at byte {@code pvOffsetBytes} of {@code image}.
     *
     * @throws MetadataFormatException no label, a bad checksum, an impossible location (with the offset)
     */
    public PvMetadata read(ImageSource image, long pvOffsetBytes) throws IOException, MetadataFormatException {
        ImageSource pv = image.slice(pvOffsetBytes, image.size() - pvOffsetBytes);
        int sector = labelSector(pv);
        if (sector < 0) {
            throw new MetadataFormatException(name + ": no LVM label in sectors 0-3 of the PV at offset "
                    + pvOffsetBytes);
        }
        ByteBuffer label = ByteBuffer.wrap(pv.readFully((long) sector * SECTOR, SECTOR)).order(ByteOrder.LITTLE_ENDIAN);
        long labelAt = pvOffsetBytes + (long) sector * SECTOR;
        int crc = label.getInt(16);
        if (crc != (int) LvmCrc.of(label.array(), 20, SECTOR - 20)) {
            throw new MetadataFormatException(name + ": LVM label checksum mismatch at offset " + labelAt);
        }
        int pvh = label.getInt(20);
        if (pvh < 32 || pvh > SECTOR - 56) {
            throw new MetadataFormatException(name + ": pv_header offset " + pvh + " out of range in the label at offset "
                    + labelAt);
        }
        String uuid = new String(label.array(), pvh, 32, StandardCharsets.US_ASCII);
        int pos = pvh + 40;
        pos = skipAreas(label, pos, labelAt); // data areas
        List<long[]> metadataAreas = new ArrayList<>();
        while (pos + 16 <= SECTOR) {
            long offset = label.getLong(pos);
            long size = label.getLong(pos + 8);
            pos += 16;
            if (offset == 0 && size == 0) {
                break;
            }
            metadataAreas.add(new long[] {offset, size});
        }
        if (metadataAreas.isEmpty()) {
            throw new MetadataFormatException(name + ": the PV at offset " + pvOffsetBytes
                    + " has no metadata area (pvcreate --metadatacopies 0); read the VG from another PV");
        }
        MetadataFormatException last = null;
        for (long[] area : metadataAreas) {
            try {
                return readArea(pv, pvOffsetBytes, uuid, area[0], area[1]);
            } catch (MetadataFormatException e) {
                last = e;
            }
        }
        throw last;
    }

    private int skipAreas(ByteBuffer label, int pos, long labelAt) throws MetadataFormatException {
        while (pos + 16 <= SECTOR) {
            long offset = label.getLong(pos);
            long size = label.getLong(pos + 8);
            pos += 16;
            if (offset == 0 && size == 0) {
                return pos;
            }
        }
        throw new MetadataFormatException(name + ": unterminated area list in the pv_header at offset " + labelAt);
    }

    private PvMetadata readArea(ImageSource pv, long pvOffsetBytes, String uuid, long areaOffset, long areaSize)
            throws IOException, MetadataFormatException {
        long headerAt = pvOffsetBytes + areaOffset;
        if (areaSize < MDA_HEADER_SIZE || areaOffset + areaSize > pv.size()) {
            throw new MetadataFormatException(name + ": metadata area at offset " + headerAt + " of " + areaSize
                    + " bytes does not fit the image");
        }
        ByteBuffer h = ByteBuffer.wrap(pv.readFully(areaOffset, MDA_HEADER_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(h.array(), 4, 20, MDA_MAGIC, 0, 16)) {
            throw new MetadataFormatException(name + ": no mda header magic at offset " + headerAt);
        }
        if (h.getInt(0) != (int) LvmCrc.of(h.array(), 4, MDA_HEADER_SIZE - 4)) {
            throw new MetadataFormatException(name + ": mda header checksum mismatch at offset " + headerAt);
        }
        long textOffset = h.getLong(40);
        long textSize = h.getLong(48);
        int textCrc = h.getInt(56);
        if (textOffset == 0 && textSize == 0) {
            throw new MetadataFormatException(name + ": the metadata area at offset " + headerAt
                    + " holds no committed metadata (raw_locn[0] empty)");
        }
        if (textSize <= 0 || textSize > MAX_TEXT_BYTES || textSize > areaSize - MDA_HEADER_SIZE
                || textOffset < MDA_HEADER_SIZE || textOffset >= areaSize) {
            throw new MetadataFormatException(name + ": raw_locn[0] (offset " + textOffset + ", size " + textSize
                    + ") does not fit the metadata area at offset " + headerAt);
        }
        byte[] text = new byte[(int) textSize];
        long firstPart = Math.min(textSize, areaSize - textOffset);
        System.arraycopy(pv.readFully(areaOffset + textOffset, (int) firstPart), 0, text, 0, (int) firstPart);
        if (firstPart < textSize) { // wrapped: continues right after the header
            byte[] rest = pv.readFully(areaOffset + MDA_HEADER_SIZE, (int) (textSize - firstPart));
            System.arraycopy(rest, 0, text, (int) firstPart, rest.length);
        }
        if (textCrc != (int) LvmCrc.of(text, 0, text.length)) {
            throw new MetadataFormatException(name + ": metadata text checksum mismatch at offset "
                    + (headerAt + textOffset));
        }
        int end = text.length;
        while (end > 0 && text[end - 1] == 0) {
            end--;
        }
        return new PvMetadata(pvOffsetBytes, uuid, headerAt + textOffset,
                new String(text, 0, end, StandardCharsets.UTF_8));
    }

    private static int labelSector(ImageSource pv) throws IOException {
        if (pv.size() < 4L * SECTOR) {
            return -1;
        }
        byte[] head = pv.readFully(0, 4 * SECTOR);
        for (int s = 0; s < 4; s++) {
            int at = s * SECTOR;
            if (Arrays.equals(head, at, at + 8, LABEL_ID, 0, 8) && Arrays.equals(head, at + 24, at + 32, LABEL_TYPE, 0, 8)) {
                return s;
            }
        }
        return -1;
    }
}
