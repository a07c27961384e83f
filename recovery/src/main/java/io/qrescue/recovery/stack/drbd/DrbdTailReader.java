package io.qrescue.recovery.stack.drbd;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Bytes;
import io.qrescue.recovery.stack.finding.Finding;
import java.util.ArrayList;
import java.util.List;

/** Reads the DRBD 8.4 internal-metadata block at {@code size − 4096} of an md array; never throws. */
public final class DrbdTailReader {

    static final int BLOCK = 4096;

    private DrbdTailReader() {
    }

    public static DrbdTail read(ImageSource array) {
        List<Finding> findings = new ArrayList<>();
        long at = array.size() - BLOCK;
        if (at < 0) {
            return new DrbdTail(null, findings);
        }
        byte[] b = Bytes.readOrNull(array, at, 128);
        if (b == null) {
            String why = Bytes.damageText(array, at, 128);
            if (why != null) {
                findings.add(Finding.warning("DRBD metadata", at, "location cannot be read, so a DRBD tail there is "
                        + "not seen and the PV is not limited to its la_sect: " + why));
            }
            return new DrbdTail(null, findings);
        }
        long magic = Bytes.u32be(b, 60);
        if (magic != DrbdMetadata.MAGIC_08 && magic != DrbdMetadata.MAGIC_84_UNCLEAN && magic != DrbdMetadata.MAGIC_09) {
            return new DrbdTail(null, findings);
        }
        long laSect = Bytes.u64be(b, 0);
        DrbdMetadata md = new DrbdMetadata(at, magic, laSect, Bytes.u32be(b, 56), Bytes.u64be(b, 64),
                (int) Bytes.u32be(b, 68), (int) Bytes.u32be(b, 76), Bytes.u32be(b, 80));
        if (laSect * 512 > at || laSect < 0) {
            findings.add(Finding.error("DRBD metadata", at, "la_sect " + laSect + " sectors reaches past the metadata block"
                    + " at byte " + at));
        }
        if (magic == DrbdMetadata.MAGIC_09) {
            findings.add(Finding.warning("DRBD metadata", at + 60, "DRBD 9 magic: layout not verified, data still taken as 1:1"));
        }
        return new DrbdTail(md, findings);
    }
}
