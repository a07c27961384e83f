package io.qrescue.recovery.vm.volume;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The committed test volumes under src/test/resources/volumes/NAME/: unpacked images and oracle files. */
public final class VolumeFixtures {
    /** Every committed fixture. */
    public static final String[] NAMES = {"md10-single", "md12-single", "md10-raid1", "md10-tier", "md10-raid5",
        "md12-raid6"};

    private VolumeFixtures() {
    }

    /** Unpacks volumes/NAME/FILE.gz into {@code dir} and returns the image. */
    public static Path unpack(String name, String gzFile, Path dir) throws IOException {
        String resource = "/volumes/" + name + "/" + gzFile;
        try (InputStream in = VolumeFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource " + resource + " missing");
            }
            Path out = dir.resolve(name + "-" + gzFile.replace(".gz", ""));
            try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
                Files.copy(gz, out);
            }
            return out;
        }
    }

    /** The text of volumes/NAME/oracle/FILE. */
    public static String oracle(String name, String file) {
        String resource = "/volumes/" + name + "/oracle/" + file;
        try (InputStream in = VolumeFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource " + resource + " missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first image of a fixture: disk.img.gz, or member-a.img.gz for several members. */
    public static String firstImage(String name) {
        return VolumeFixtures.class.getResource("/volumes/" + name + "/member-a.img.gz") != null ? "member-a.img.gz"
                : "disk.img.gz";
    }

    /** Every member image of a fixture, in md slot order (member-a, member-b, ...), unpacked into {@code dir}. */
    public static java.util.List<Path> unpackAll(String name, Path dir) throws IOException {
        java.util.List<Path> images = new java.util.ArrayList<>();
        if (firstImage(name).equals("disk.img.gz")) {
            images.add(unpack(name, "disk.img.gz", dir));
            return images;
        }
        for (String m : java.util.List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            if (VolumeFixtures.class.getResource("/volumes/" + name + "/member-" + m + ".img.gz") != null) {
                images.add(unpack(name, "member-" + m + ".img.gz", dir));
            }
        }
        return images;
    }
}
