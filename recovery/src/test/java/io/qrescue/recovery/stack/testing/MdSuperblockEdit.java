package io.qrescue.recovery.stack.testing;

import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import io.qrescue.recovery.stack.StackScanner;
import io.qrescue.recovery.stack.StorageStack;
import io.qrescue.recovery.stack.md.MdMember;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits the md 1.x superblocks of real member images in place (test-only), keeping their checksums right: e.g. to
 * make the committed RAID5 fixture look as if a reshape were in progress, an array no reader may map.
 */
public final class MdSuperblockEdit {

    private MdSuperblockEdit() {
    }

    /**
     * Marks every 1.x superblock on {@code images} (the members of one array) as in mid-reshape: feature bit 2, a
     * reshape position, one more device, the same level and layout.
     */
    public static void markReshaping(List<Path> images) throws IOException {
        List<long[]> at = new ArrayList<>(); // {image index, superblock offset}
        List<NamedImage> named = new ArrayList<>();
        List<FileImageSource> open = new ArrayList<>();
        try {
            for (Path p : images) {
                FileImageSource s = FileImageSource.open(p);
                open.add(s);
                named.add(new NamedImage(p.getFileName().toString(), s));
            }
            StorageStack st = StackScanner.scan(named);
            for (MdMember m : st.arrays().get(0).array().members()) {
                at.add(new long[] {m.imageIndex(), m.startBytes() + m.superblock().offsetBytes()});
            }
        } finally {
            for (FileImageSource s : open) {
                s.close();
            }
        }
        for (long[] a : at) {
            try (RandomAccessFile f = new RandomAccessFile(images.get((int) a[0]).toFile(), "rw")) {
                byte[] sb = new byte[4096];
                f.seek(a[1]);
                f.readFully(sb);
                long features = u32(sb, 8) | 4;
                LeWriter.u32(sb, 8, features);
                LeWriter.u32(sb, 100, u32(sb, 72)); // new_level = level
                LeWriter.u64(sb, 104, 4096); // reshape_position (array sectors)
                LeWriter.u32(sb, 112, 1); // delta_disks
                LeWriter.u32(sb, 116, u32(sb, 76)); // new_layout = layout
                LeWriter.u32(sb, 120, u32(sb, 88)); // new_chunk = chunk
                LeWriter.u32(sb, 216, 0);
                int maxDev = (int) u32(sb, 220);
                LeWriter.u32(sb, 216, MdSuperblockWriter.checksum1x(sb, 256 + 2 * maxDev));
                f.seek(a[1]);
                f.write(sb);
            }
        }
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }
}
