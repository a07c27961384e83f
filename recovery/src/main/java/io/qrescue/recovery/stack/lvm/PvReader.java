package io.qrescue.recovery.stack.lvm;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Bytes;
import io.qrescue.recovery.stack.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the LVM label, pv_header, metadata areas and every metadata text of a PV; never throws. */
public final class PvReader {

    static final int SECTOR = 512;
    static final byte[] MDA_MAGIC = " LVM2 x[5A%r0N*>".getBytes(StandardCharsets.US_ASCII);
    static final int MDA_HEADER_BYTES = 512;
    /** The circular buffer is scanned for older texts up to this size (lvm's default mda is about 1 MiB). */
    static final long HISTORY_SCAN_MAX_BYTES = 64L << 20;
    /** lvm writes each new text 512-byte aligned after the previous one. */
    private static final int TEXT_ALIGN = 512;
    private static final Pattern SEQNO = Pattern.compile("(?m)^\\s*seqno\\s*=\\s*(\\d{1,18})");
    private static final Pattern VG_START = Pattern.compile("\\A([A-Za-z0-9_.+-]{1,128}) \\{\\s*\\n\\s*id = \"");

    private PvReader() {
    }

    /** Reads {@code pv} (an array, partition or whole image whose byte 0 is the PV start). */
    public static PvScan read(ImageSource pv) {
        List<Finding> findings = new ArrayList<>();
        PvLabel label = readLabel(pv, findings);
        List<MdaHeader> headers = new ArrayList<>();
        List<MetadataCopy> copies = new ArrayList<>();
        if (label != null) {
            for (int i = 0; i < label.metadataAreas().size(); i++) {
                readMda(pv, i, label.metadataAreas().get(i), headers, copies, findings);
            }
            if (label.metadataAreas().isEmpty()) {
                findings.add(Finding.info("LVM pv_header", label.labelSector() * SECTOR, "PV has no metadata area"));
            }
        }
        copies.sort(Comparator.comparing((MetadataCopy c) -> !c.committed())
                .thenComparing(Comparator.comparingLong(MetadataCopy::seqno).reversed()));
        return new PvScan(label, headers, copies, findings);
    }

    /** True when one of sectors 0..3 starts with "LABELONE" (cheap test before a full read). */
    public static boolean hasLabel(ImageSource pv) {
        for (int s = 0; s < 4; s++) {
            byte[] id = Bytes.readOrNull(pv, (long) s * SECTOR, 8);
            if (id != null && new String(id, StandardCharsets.US_ASCII).equals("LABELONE")) {
                return true;
            }
        }
        return false;
    }

    static PvLabel readLabel(ImageSource pv, List<Finding> findings) {
        for (int s = 0; s < 4; s++) {
            long at = (long) s * SECTOR;
            byte[] b = Bytes.readOrNull(pv, at, SECTOR);
            if (b == null) {
                String why = at + SECTOR <= pv.size() ? Bytes.damageText(pv, at, SECTOR) : null;
                if (why != null) {
                    findings.add(Finding.error("LVM label", at, "sector " + s + " cannot be read, so a label there is"
                            + " not seen: " + why));
                }
                continue;
            }
            if (!new String(b, 0, 8, StandardCharsets.US_ASCII).equals("LABELONE")) {
                continue;
            }
            // lvm2 (label.c) ignores a label whose sector_xl or checksum is wrong; so does this reader.
            long sectorXl = Bytes.u64(b, 8);
            if (sectorXl != s) {
                findings.add(Finding.error("LVM label", at + 8, "sector_xl " + sectorXl + " but found in sector " + s
                        + "; label ignored, as lvm2 ignores it"));
                continue;
            }
            long crc = LvmCrc.of(b, 20, SECTOR - 20);
            boolean crcOk = crc == Bytes.u32(b, 16);
            if (!crcOk) {
                findings.add(Finding.error("LVM label", at + 16, String.format("crc_xl %08x, computed %08x; label "
                        + "ignored, as lvm2 ignores it", Bytes.u32(b, 16), crc)));
                continue;
            }
            if (!new String(b, 24, 8, StandardCharsets.US_ASCII).equals("LVM2 001")) {
                findings.add(Finding.warning("LVM label", at + 24, "type is not \"LVM2 001\""));
            }
            long offsetXl = Bytes.u32(b, 20);
            if (offsetXl < 32 || offsetXl > SECTOR - 40 - 16) {
                findings.add(Finding.error("LVM label", at + 20, "offset_xl " + offsetXl + " leaves no room for a pv_header"));
                continue;
            }
            int h = (int) offsetXl;
            String uuid = new String(b, h, 32, StandardCharsets.US_ASCII);
            long deviceSize = Bytes.u64(b, h + 32);
            int p = h + 40;
            List<DiskArea> data = new ArrayList<>();
            p = readAreas(b, p, data);
            List<DiskArea> meta = new ArrayList<>();
            p = p < 0 ? p : readAreas(b, p, meta);
            long extVersion = 0;
            long extFlags = 0;
            List<DiskArea> boot = new ArrayList<>();
            if (p < 0) {
                findings.add(Finding.error("LVM pv_header", at + h, "disk area lists run past the label sector"));
            } else if (p + 8 <= SECTOR) {
                extVersion = Bytes.u32(b, p);
                extFlags = Bytes.u32(b, p + 4);
                if (extVersion != 0 && readAreas(b, p + 8, boot) < 0) {
                    findings.add(Finding.warning("LVM pv_header", at + p, "bootloader area list runs past the label sector"));
                }
            }
            if (deviceSize > pv.size()) {
                findings.add(Finding.warning("LVM pv_header", at + h + 32, "device_size " + deviceSize
                        + " bytes exceeds the device holding the PV (" + pv.size() + " bytes): truncated image?"));
            }
            for (DiskArea a : data) {
                if (a.offsetBytes() < 0 || a.offsetBytes() >= pv.size()) {
                    findings.add(Finding.error("LVM pv_header", at + h + 40, "data area starts at " + a.offsetBytes()
                            + ", outside the PV (" + pv.size() + " bytes)"));
                }
            }
            for (DiskArea a : meta) {
                if (a.offsetBytes() < 0 || a.offsetBytes() >= pv.size() || a.sizeBytes() < 0
                        || a.sizeBytes() > pv.size() - a.offsetBytes()) {
                    findings.add(Finding.error("LVM pv_header", at + h, "metadata area " + a.offsetBytes() + "+"
                            + a.sizeBytes() + " lies outside the PV (" + pv.size() + " bytes)"));
                }
            }
            return new PvLabel(s, crcOk, uuid, deviceSize, data, meta, extVersion, extFlags, boot);
        }
        return null;
    }

    /** Reads {offset, size} pairs up to an all-zero one; returns the position after it, or -1 past the sector. */
    private static int readAreas(byte[] b, int p, List<DiskArea> out) {
        while (p + 16 <= SECTOR) {
            long off = Bytes.u64(b, p);
            long size = Bytes.u64(b, p + 8);
            p += 16;
            if (off == 0 && size == 0) {
                return p;
            }
            out.add(new DiskArea(off, size));
        }
        return -1;
    }

    private static void readMda(ImageSource pv, int index, DiskArea area, List<MdaHeader> headers,
            List<MetadataCopy> copies, List<Finding> findings) {
        long at = area.offsetBytes();
        String what = "LVM mda header " + index;
        if (at < 0 || at >= pv.size() || area.sizeBytes() < MDA_HEADER_BYTES || area.sizeBytes() > pv.size() - at) {
            return; // reported with the pv_header
        }
        byte[] h = Bytes.readOrNull(pv, at, MDA_HEADER_BYTES);
        if (h == null) {
            String why = Bytes.damageText(pv, at, MDA_HEADER_BYTES);
            findings.add(Finding.error(what, at, "not readable" + (why == null ? "" : ": " + why)));
            scanHistory(pv, index, at, area.sizeBytes(), List.of(), copies, findings);
            return;
        }
        long crc = LvmCrc.of(h, 4, MDA_HEADER_BYTES - 4);
        boolean crcOk = crc == Bytes.u32(h, 0);
        boolean magicOk = java.util.Arrays.equals(h, 4, 20, MDA_MAGIC, 0, 16);
        if (!magicOk) {
            findings.add(Finding.error(what, at + 4, "bad magic"));
        }
        if (!crcOk) {
            findings.add(Finding.error(what, at, String.format("checksum %08x, computed %08x", Bytes.u32(h, 0), crc)));
        }
        long start = Bytes.u64(h, 24);
        long size = Bytes.u64(h, 32);
        if (start != at) {
            findings.add(Finding.warning(what, at + 24, "start " + start + " differs from the pv_header's " + at));
        }
        if (size != area.sizeBytes()) {
            findings.add(Finding.warning(what, at + 32, "size " + size + " differs from the pv_header's " + area.sizeBytes()));
        }
        // The pv_header's size was checked against the PV; trust it for the buffer bounds.
        long mdaSize = area.sizeBytes();
        List<RawLocation> locs = new ArrayList<>();
        for (int p = 40; p + 24 <= MDA_HEADER_BYTES; p += 24) {
            RawLocation rl = new RawLocation(Bytes.u64(h, p), Bytes.u64(h, p + 8), Bytes.u32(h, p + 16),
                    Bytes.u32(h, p + 20));
            if (rl.offsetBytes() == 0 && rl.sizeBytes() == 0 && rl.checksum() == 0 && rl.flags() == 0) {
                break;
            }
            locs.add(rl);
        }
        headers.add(new MdaHeader(at, crcOk, magicOk, Bytes.u32(h, 20), start, size, locs));
        long bufferBytes = mdaSize - MDA_HEADER_BYTES;
        List<Long> committedOffsets = new ArrayList<>();
        long version = Bytes.u32(h, 20);
        if (version != 1) {
            findings.add(Finding.error(what, at + 20, "version " + version + ", expected 1"));
        }
        if (!crcOk || !magicOk || version != 1 || start != at || size < MDA_HEADER_BYTES) {
            // lvm2 (raw_parse_mda_header) reads no metadata through a header with a wrong checksum, magic, version,
            // start or size; neither does this reader
            findings.add(Finding.error(what, at, "raw_locn entries not used: the header fails lvm2's checks"));
            scanHistory(pv, index, at, mdaSize, committedOffsets, copies, findings);
            return;
        }
        for (int i = 0; i < locs.size(); i++) {
            RawLocation rl = locs.get(i);
            long locAt = at + 40 + 24L * i;
            if (rl.sizeBytes() == 0) {
                continue;
            }
            if (i > 0) {
                // Slot 1 is the precommitted metadata of an unfinished commit (lvm2's vg_precommit); lvm2 reads it
                // only when asked for precommitted metadata, never for the VG itself. Later slots are unused.
                if (i == 1 && rl.offsetBytes() != locs.get(0).offsetBytes()) {
                    committedOffsets.add(rl.offsetBytes());
                    findings.add(Finding.warning("LVM metadata text", at + rl.offsetBytes(), "precommitted metadata in "
                            + "raw_locn 1 (" + describeSlot(pv, at, mdaSize, rl, bufferBytes) + ") ignored: lvm2 reads"
                            + " the committed raw_locn 0"));
                } else if (i > 1) {
                    findings.add(Finding.warning(what, locAt, "raw_locn " + i + " is not empty; lvm2 uses only slots 0"
                            + " and 1; ignored"));
                }
                continue;
            }
            if (rl.ignored()) {
                findings.add(Finding.info(what, locAt, "metadata area marked ignored (metadataignore): lvm2 does not "
                        + "keep it current; its text counts as an older copy"));
            }
            if (rl.offsetBytes() < MDA_HEADER_BYTES || rl.offsetBytes() >= mdaSize || rl.sizeBytes() > bufferBytes) {
                findings.add(Finding.error(what, locAt, "raw_locn " + i + " text " + rl.offsetBytes() + "+" + rl.sizeBytes()
                        + " lies outside the metadata buffer (" + mdaSize + " bytes)"));
                continue;
            }
            byte[] text = readCircular(pv, at, mdaSize, rl.offsetBytes(), rl.sizeBytes());
            if (text == null) {
                String why = Bytes.damageText(pv, at + rl.offsetBytes(), Math.min(rl.sizeBytes(), mdaSize
                        - rl.offsetBytes()));
                if (why == null && rl.offsetBytes() + rl.sizeBytes() > mdaSize) {
                    why = Bytes.damageText(pv, at + MDA_HEADER_BYTES, rl.offsetBytes() + rl.sizeBytes() - mdaSize);
                }
                findings.add(Finding.error("LVM metadata text", at + rl.offsetBytes(), "not readable"
                        + (why == null ? "" : ": " + why)));
                continue;
            }
            long textCrc = LvmCrc.of(text, 0, text.length);
            boolean ok = textCrc == rl.checksum();
            if (!ok) {
                findings.add(Finding.error("LVM metadata text", at + rl.offsetBytes(), String.format(
                        "checksum %08x in raw_locn %d, computed %08x", rl.checksum(), i, textCrc)));
            }
            committedOffsets.add(rl.offsetBytes());
            copies.add(copy(index, !rl.ignored(), at + rl.offsetBytes(), text, ok));
        }
        scanHistory(pv, index, at, mdaSize, committedOffsets, copies, findings);
    }

    /** "seqno N" of the text a raw_locn points to, or why it cannot be told. */
    private static String describeSlot(ImageSource pv, long mdaAt, long mdaSize, RawLocation rl, long bufferBytes) {
        if (rl.offsetBytes() < MDA_HEADER_BYTES || rl.offsetBytes() >= mdaSize || rl.sizeBytes() > bufferBytes) {
            return "outside the metadata buffer";
        }
        byte[] text = readCircular(pv, mdaAt, mdaSize, rl.offsetBytes(), rl.sizeBytes());
        if (text == null) {
            return "not readable";
        }
        MetadataCopy c = copy(0, false, mdaAt + rl.offsetBytes(), text, false);
        boolean ok = LvmCrc.of(text, 0, text.length) == rl.checksum();
        return (c.vgName() == null ? "no VG" : "VG " + c.vgName()) + (c.seqno() >= 0 ? " seqno " + c.seqno() : "")
                + (ok ? "" : ", checksum wrong");
    }

    private static void scanHistory(ImageSource pv, int index, long mdaAt, long mdaSize, List<Long> committedOffsets,
            List<MetadataCopy> copies, List<Finding> findings) {
        long bufferBytes = mdaSize - MDA_HEADER_BYTES;
        if (bufferBytes > HISTORY_SCAN_MAX_BYTES) {
            findings.add(Finding.info("LVM metadata buffer", mdaAt + MDA_HEADER_BYTES, "buffer of " + bufferBytes
                    + " bytes: only the first " + HISTORY_SCAN_MAX_BYTES + " scanned for older metadata"));
            bufferBytes = HISTORY_SCAN_MAX_BYTES;
        }
        if (bufferBytes <= 0 || mdaAt + MDA_HEADER_BYTES > pv.size() - bufferBytes) {
            return;
        }
        byte[] buf = Bytes.readOrNull(pv, mdaAt + MDA_HEADER_BYTES, (int) bufferBytes);
        if (buf == null) {
            String why = Bytes.damageText(pv, mdaAt + MDA_HEADER_BYTES, bufferBytes);
            if (why != null) {
                findings.add(Finding.info("LVM metadata buffer", mdaAt + MDA_HEADER_BYTES, "not scanned for older "
                        + "metadata: " + why));
            }
            return;
        }
        for (int p = 0; p < buf.length; p += TEXT_ALIGN) {
            long mdaOffset = MDA_HEADER_BYTES + (long) p;
            if (committedOffsets.contains(mdaOffset) || !looksLikeVgStart(buf, p)) {
                continue;
            }
            // The text runs to its NUL, wrapping to the buffer start like a committed one.
            int len = 0;
            while (len < buf.length && buf[(p + len) % buf.length] != 0) {
                len++;
            }
            byte[] text = new byte[len + 1];
            for (int i = 0; i < len; i++) {
                text[i] = buf[(p + i) % buf.length];
            }
            MetadataCopy c = copy(index, false, mdaAt + mdaOffset, text, false);
            copies.add(c);
            findings.add(Finding.info("LVM metadata text", mdaAt + mdaOffset, "older generation"
                    + (c.seqno() >= 0 ? " seqno " + c.seqno() : "") + " of " + c.vgName() + " in the circular buffer"));
        }
    }

    private static boolean looksLikeVgStart(byte[] buf, int p) {
        int n = Math.min(200, buf.length - p);
        if (n < 8 || !isNameChar(buf[p])) {
            return false;
        }
        String head = new String(buf, p, n, StandardCharsets.ISO_8859_1);
        return VG_START.matcher(head).find();
    }

    private static boolean isNameChar(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '.' || b == '+'
                || b == '-';
    }

    /** {@code size} bytes at {@code offset} of the mda, continuing at the buffer start (mda + 512) when they wrap. */
    private static byte[] readCircular(ImageSource pv, long mdaAt, long mdaSize, long offset, long size) {
        long first = Math.min(size, mdaSize - offset);
        byte[] a = Bytes.readOrNull(pv, mdaAt + offset, (int) first);
        if (a == null) {
            return null;
        }
        if (first == size) {
            return a;
        }
        byte[] b = Bytes.readOrNull(pv, mdaAt + MDA_HEADER_BYTES, (int) (size - first));
        if (b == null) {
            return null;
        }
        byte[] out = new byte[(int) size];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static MetadataCopy copy(int mdaIndex, boolean committed, long at, byte[] textWithNul, boolean checksumOk) {
        int len = textWithNul.length;
        while (len > 0 && textWithNul[len - 1] == 0) {
            len--;
        }
        String text = new String(textWithNul, 0, len, StandardCharsets.ISO_8859_1);
        Matcher vg = VG_START.matcher(text);
        String vgName = vg.find() ? vg.group(1) : null;
        Matcher m = SEQNO.matcher(text);
        long seqno = m.find() ? Long.parseLong(m.group(1)) : -1;
        return new MetadataCopy(mdaIndex, committed, at, textWithNul.length, checksumOk, vgName, seqno, text);
    }
}
