package io.qrescue.recovery.stack.testing;

import io.qrescue.recovery.stack.lvm.LvmCrc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an LVM2 PV per the format notes §3 (test-only): label in sector 1 with pv_header (one data area at
 * pe_start, one mda at 4096), the mda header with raw_locn[0], and metadata texts in the circular buffer, the
 * last one committed. Older texts written first stay in the buffer as older generations.
 */
public final class LvmPvWriter {

    public String pvUuid = "lkTOn4W5NikjaJ5okoDjbAh5cc1xtN0J";
    public long peStartBytes = 1 << 20;
    public long mdaSizeBytes = (1 << 20) - 4096;
    /** pv_header extension version (2 as current lvm writes; 0 = QNAP's old header without it). */
    public int extensionVersion = 2;
    public final List<String> texts = new ArrayList<>();
    /** Wraps the committed text around the buffer end when true (tests the circular read). */
    public boolean wrapCommitted = false;

    /** Offsets (from the mda start) where each text was written, filled by {@link #write}. */
    public final List<Long> textOffsets = new ArrayList<>();

    public LvmPvWriter text(String t) {
        texts.add(t);
        return this;
    }

    /** Writes the PV onto {@code img} at {@code pvStart}; the PV is {@code pvBytes} long. */
    public void write(byte[] img, long pvStart, long pvBytes) {
        int base = (int) pvStart;
        byte[] label = new byte[512];
        LeWriter.ascii(label, 0, "LABELONE");
        LeWriter.u64(label, 8, 1);
        LeWriter.u32(label, 20, 32);
        LeWriter.ascii(label, 24, "LVM2 001");
        LeWriter.ascii(label, 32, pvUuid);
        LeWriter.u64(label, 64, pvBytes);
        int p = 72;
        LeWriter.u64(label, p, peStartBytes);
        p += 16; // size 0: to the end of the device
        p += 16; // terminator
        LeWriter.u64(label, p, 4096);
        LeWriter.u64(label, p + 8, mdaSizeBytes);
        p += 16;
        p += 16; // terminator
        if (extensionVersion != 0) {
            LeWriter.u32(label, p, extensionVersion);
            LeWriter.u32(label, p + 4, 1);
        }
        LeWriter.u32(label, 16, LvmCrc.of(label, 20, 512 - 20));
        System.arraycopy(label, 0, img, base + 512, 512);

        long mdaAt = 4096;
        long offset = 512;
        long lastOffset = 0;
        long lastSize = 0;
        long lastCrc = 0;
        textOffsets.clear();
        for (int i = 0; i < texts.size(); i++) {
            byte[] t = (texts.get(i) + "\0").getBytes(StandardCharsets.UTF_8); // lvm writes UTF-8
            boolean last = i == texts.size() - 1;
            if (last && wrapCommitted) {
                offset = mdaSizeBytes - 512L * Math.max(1, t.length / 1024);
                offset -= offset % 512;
            }
            if (offset + t.length > mdaSizeBytes && !(last && wrapCommitted)) {
                offset = 512;
            }
            for (int k = 0; k < t.length; k++) {
                long o = offset + k;
                if (o >= mdaSizeBytes) {
                    o = 512 + (o - mdaSizeBytes);
                }
                img[(int) (base + mdaAt + o)] = t[k];
            }
            textOffsets.add(offset);
            lastOffset = offset;
            lastSize = t.length;
            lastCrc = LvmCrc.of(t, 0, t.length);
            offset = (offset + t.length + 511) / 512 * 512;
        }
        byte[] h = new byte[512];
        LeWriter.ascii(h, 4, " LVM2 x[5A%r0N*>");
        LeWriter.u32(h, 20, 1);
        LeWriter.u64(h, 24, mdaAt);
        LeWriter.u64(h, 32, mdaSizeBytes);
        if (!texts.isEmpty()) {
            LeWriter.u64(h, 40, lastOffset);
            LeWriter.u64(h, 48, lastSize);
            LeWriter.u32(h, 56, lastCrc);
        }
        LeWriter.u32(h, 0, LvmCrc.of(h, 4, 508));
        System.arraycopy(h, 0, img, (int) (base + mdaAt), 512);
    }
}
