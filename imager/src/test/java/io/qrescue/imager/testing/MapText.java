package io.qrescue.imager.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Mapfile and log texts reduced to what vectors compare: lines that are not comments and not blank. */
public final class MapText {

    private MapText() {
    }

    public static List<String> dataLines(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    public static List<String> dataLines(Path file) throws IOException {
        return dataLines(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** The shared directory of the project: system property qrescue.shared, else /work/shared. */
    public static Path sharedDir() {
        return Path.of(System.getProperty("qrescue.shared", "/work/shared"));
    }

    /** The golden vectors of ddrescue 1.27. */
    public static Path vectorsDir() {
        return sharedDir().resolve("vectors/ddrescue-1.27");
    }
}
