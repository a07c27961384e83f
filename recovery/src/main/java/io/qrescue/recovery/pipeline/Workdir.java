package io.qrescue.recovery.pipeline;

import java.nio.file.Path;

/**
 * The files of a rescue job, all under one directory. A job of one source keeps the names it always had
 * (disk.img, disk.map, metadata.domain); a job of several numbers them from 1 in source order (disk1.img,
 * disk1.map, metadata1.domain, disk2.img ...).
 */
public record Workdir(Path dir, int sourceCount) {

    public Workdir {
        if (sourceCount < 1) {
            throw new IllegalArgumentException("a job has at least one source: " + sourceCount);
        }
    }

    /** The work directory of a one-source job. */
    public Workdir(Path dir) {
        this(dir, 1);
    }

    /** The rescued image of the (first) source (sparse until rescued). */
    public Path image() {
        return image(0);
    }

    /** The rescued image of source {@code index} (0-based). */
    public Path image(int index) {
        return dir.resolve("disk" + number(index) + ".img");
    }

    /** Its ddrescue mapfile. */
    public Path mapfile() {
        return mapfile(0);
    }

    /** The ddrescue mapfile of source {@code index}. */
    public Path mapfile(int index) {
        return dir.resolve("disk" + number(index) + ".map");
    }

    /** The ddrescue domain mapfile of the areas read first (the stack's metadata and the places to look). */
    public Path metadataDomain() {
        return metadataDomain(0);
    }

    /** The read-first domain of source {@code index}. */
    public Path metadataDomain(int index) {
        return dir.resolve("metadata" + number(index) + ".domain");
    }

    /** The ddrescue domain mapfile of imaging round {@code round} ("files", "volumes", ...) on source {@code index}. */
    public Path roundDomain(int index, String round) {
        return dir.resolve(round + number(index) + ".domain");
    }

    /** Where the reads logs ({@code --log-reads}) of every imaging run go. */
    public Path readsDir() {
        return dir.resolve("reads");
    }

    /** The reads log of imaging run {@code seq} (from 1, per source) of source {@code index}, in {@code round}. */
    public Path readsLog(int index, int seq, String round) {
        return readsDir().resolve("disk" + number(index) + "-" + String.format("%05d", seq) + "-" + round + ".log");
    }

    /** Files complete and imaging counters, rewritten after every imaging run (also when one is interrupted). */
    public Path progressJson() {
        return dir.resolve("progress.json");
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

    /** Where the recovery VM unpacks everything it copied before the wanted volumes move to their files dirs. */
    public Path vmCopy() {
        return dir.resolve(".vm-copy");
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

    private String number(int index) {
        if (index < 0 || index >= sourceCount) {
            throw new IndexOutOfBoundsException("source " + index + " of " + sourceCount);
        }
        return sourceCount == 1 ? "" : Integer.toString(index + 1);
    }
}
