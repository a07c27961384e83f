package io.qrescue.recovery.vm.appliance;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Lists the entry names of a gzip-compressed newc cpio (what {@code cpio -t} shows), for checks and reports. */
public final class CpioContents {

    private CpioContents() {
    }

    /** The names in archive order, without the trailer. */
    public static List<String> names(Path cpioGz) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(cpioGz), 1 << 16))) {
            long pos = 0;
            while (true) {
                byte[] header = in.readNBytes(110);
                if (header.length < 110 || !new String(header, 0, 6, StandardCharsets.US_ASCII).equals("070701")) {
                    throw new IOException(cpioGz + ": no newc header at byte " + pos);
                }
                long size = Long.parseLong(new String(header, 54, 8, StandardCharsets.US_ASCII), 16);
                int nameSize = Integer.parseInt(new String(header, 94, 8, StandardCharsets.US_ASCII), 16);
                String name = new String(in.readNBytes(nameSize), 0, nameSize - 1, StandardCharsets.UTF_8);
                pos += 110 + nameSize;
                pos += skip(in, pad(pos));
                if (name.equals("TRAILER!!!")) {
                    return names;
                }
                names.add(name);
                pos += skip(in, size);
                pos += skip(in, pad(pos));
            }
        }
    }

    private static long pad(long pos) {
        return (4 - pos % 4) % 4;
    }

    private static long skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
        return n;
    }
}
