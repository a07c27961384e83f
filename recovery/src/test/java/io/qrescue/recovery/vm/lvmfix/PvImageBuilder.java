package io.qrescue.recovery.vm.lvmfix;

import io.qrescue.recovery.stack.lvm.LvmCrc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes an LVM2 PV head into a byte array the way pvcreate and lvm's metadata commit do: label in sector 1,
 * pv_header with one data area at pe_start and one metadata area at 4096, mda header with raw_locn[0] pointing at
 * the text (placed at {@code textOffsetInArea}, wrapping in the circular buffer if it runs past the area's end).
 * Real lvm2 reading an image made by this builder (integration test) checks the builder.
 */
final class PvImageBuilder {

    static final int MDA_OFFSET = 4096;

    private PvImageBuilder() {
    }

    /** Fills {@code image} from {@code pvOffset}: label, pv_header, mda header and text; returns image. */
    static byte[] write(byte[] image, int pvOffset, String pvUuidNoDashes, long pvSizeBytes, int peStartBytes,
                        String text, int textOffsetInArea) {
        int mdaSize = peStartBytes - MDA_OFFSET;
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int label = pvOffset + 512;
        put(image, label, "LABELONE");
        b.putLong(label + 8, 1);
        b.putInt(label + 20, 32);
        put(image, label + 24, "LVM2 001");
        int p = label + 32;
        put(image, p, pvUuidNoDashes);
        b.putLong(p + 32, pvSizeBytes);
        b.putLong(p + 40, peStartBytes); // data area: offset, size 0 = to the end
        b.putLong(p + 48, 0);
        // zero entry ends the data areas (p + 56 .. p + 71)
        b.putLong(p + 72, MDA_OFFSET);
        b.putLong(p + 80, mdaSize);
        // zero entry ends the metadata areas; extension version 2
        b.putInt(p + 104, 2);
        b.putInt(p + 108, 1);
        b.putInt(label + 16, (int) LvmCrc.of(image, label + 20, 512 - 20));

        byte[] textBytes = (text + "\0").getBytes(StandardCharsets.UTF_8);
        int area = pvOffset + MDA_OFFSET;
        put(image, area + 4, " LVM2 x[5A%r0N*>");
        b.putInt(area + 20, 1);
        b.putLong(area + 24, MDA_OFFSET);
        b.putLong(area + 32, mdaSize);
        b.putLong(area + 40, textOffsetInArea);
        b.putLong(area + 48, textBytes.length);
        b.putInt(area + 56, (int) LvmCrc.of(textBytes, 0, textBytes.length));
        int first = Math.min(textBytes.length, mdaSize - textOffsetInArea);
        System.arraycopy(textBytes, 0, image, area + textOffsetInArea, first);
        System.arraycopy(textBytes, first, image, area + 512, textBytes.length - first);
        b.putInt(area, (int) LvmCrc.of(image, area + 4, 512 - 4));
        return image;
    }

    private static void put(byte[] image, int at, String ascii) {
        byte[] s = ascii.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, image, at, s.length);
    }
}
