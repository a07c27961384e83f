package io.qrescue.recovery.pipeline;

import java.nio.file.Path;

/** The files of a rescue job, all under one directory. */
public record Workdir(Path dir) {

    /** The rescued image of the source (sparse until rescued). */
    public Path image() {
        return dir.resolve("disk.img");
    }

    /** Its ddrescue mapfile. */
    public Path mapfile() {
        return dir.resolve("disk.map");
    }

    /** The ddrescue domain mapfile of the areas read first (the stack's metadata and the places to look). */
    public Path metadataDomain() {
        return dir.resolve("metadata.domain");
    }

    /** Stages done, and for which mapfile. */
    public Path state() {
        return dir.resolve("state.properties");
    }

    /** Where volume {@code name} ("vg1/lv1") is extracted; its mapfile is beside it. */
    public Path volumeImage(String name) {
        return dir.resolve("volumes").resolve(fileName(name) + ".img");
    }

    /** Where the files of volume {@code name} go, with their manifests. */
    public Path filesDir(String name) {
        return dir.resolve("files").resolve(fileName(name));
    }

    public Path reportHtml() {
        return dir.resolve("report.html");
    }

    public Path reportJson() {
        return dir.resolve("report.json");
    }

    /** "vg1/lv1" as one file name: "vg1-lv1" (LVM names hold only [A-Za-z0-9+_.-]). */
    static String fileName(String volume) {
        return volume.replace('/', '-');
    }
}
