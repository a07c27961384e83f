package io.qrescue.recovery.cli.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which source a mapfile was made from, kept beside it in {@code MAPFILE.source} so a resume can refuse
 * another disk: {@code /dev/sdX} names change between boots, a mapfile applied to the wrong disk marks its
 * unread areas as rescued. Stored as {@code key=value} lines; unknown keys are ignored so later versions may
 * add some. Not a ddrescue file: GNU ddrescue ignores it.
 *
 * @param path      where the source was, for people (device names are not compared)
 * @param model     empty for a regular file or an unknown model
 * @param serial    empty for a regular file or an unknown serial
 * @param sizeBytes the source's size
 */
record SourceIdentity(String path, String model, String serial, long sizeBytes) {

    SourceIdentity {
        path = oneLine(path);
        model = oneLine(model);
        serial = oneLine(serial);
    }

    /** {@code MAPFILE.source}, beside the mapfile. */
    static Path sidecarOf(Path mapfile) {
        return mapfile.resolveSibling(mapfile.getFileName() + ".source");
    }

    /** The file's contents. */
    byte[] toBytes() {
        String text = "# qrescue: the source of the mapfile beside this file; a resume from another source is refused\n"
                + "path=" + path + "\n"
                + "model=" + model + "\n"
                + "serial=" + serial + "\n"
                + "size=" + sizeBytes + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The identity in {@code text}; empty if the size is missing or not a number. */
    static Optional<SourceIdentity> parse(String text) {
        String path = "";
        String model = "";
        String serial = "";
        Long size = null;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            String value = line.substring(eq + 1);
            switch (line.substring(0, eq)) {
                case "path" -> path = value;
                case "model" -> model = value;
                case "serial" -> serial = value;
                case "size" -> size = parseSize(value);
                default -> {
                    // a key of a later version
                }
            }
        }
        return size == null ? Optional.empty() : Optional.of(new SourceIdentity(path, model, serial, size));
    }

    /**
     * Why {@code current} is not this source, or empty if it may be: serials are compared when both are known
     * (a USB bridge may hide it), sizes always.
     */
    Optional<String> mismatch(SourceIdentity current) {
        if (!serial.isEmpty() && !current.serial.isEmpty() && !serial.equals(current.serial)) {
            return Optional.of("serial " + current.serial + ", expected " + serial);
        }
        if (sizeBytes != current.sizeBytes) {
            return Optional.of("size " + current.sizeBytes + ", expected " + sizeBytes);
        }
        return Optional.empty();
    }

    private static Long parseSize(String value) {
        try {
            long size = Long.parseLong(value.strip());
            return size >= 0 ? size : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Firmware strings may hold anything; a line break would forge a key. */
    private static String oneLine(String s) {
        return Objects.requireNonNull(s).replaceAll("[\\r\\n]", " ");
    }
}
