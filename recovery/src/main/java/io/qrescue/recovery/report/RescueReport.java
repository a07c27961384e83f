package io.qrescue.recovery.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything the rescue report shows. Lists may be empty, {@code map} and {@code stack} null when unknown.
 *
 * @param title       heading of the page
 * @param generatedAt when the report was made, as the caller wants it printed (e.g. ISO-8601 UTC)
 * @param image       the rescued image (with several disks: all of them together)
 * @param map         the (first) image's mapfile with its metadata regions, or null without a mapfile
 * @param stack       root of the storage stack tree (disk → partitions → md → LVM → volumes), or null
 * @param damage      the damage table: unreadable image regions and what each costs
 * @param volumes     per-volume readable fraction
 * @param filesystemDamage damage to filesystem structures inside volumes (superblock, inode tables, ...)
 * @param files       files of the volumes, damaged or intact (the page lists damaged ones first)
 * @param notes       free sentences shown at the top (warnings, what was skipped)
 * @param disks       every rescued image with its own map, in source order (one entry for a one-disk job)
 * @param progress    per volume: files complete of files total, file data left
 */
public record RescueReport(String title, String generatedAt, ImageSummary image, MapView map, StackNode stack,
                           List<DamageRow> damage, List<VolumeSummary> volumes,
                           List<FilesystemDamageRow> filesystemDamage, List<FileRow> files, List<String> notes,
                           List<DiskView> disks, List<VolumeProgress> progress) {

    /** A report without file progress. */
    public RescueReport(String title, String generatedAt, ImageSummary image, MapView map, StackNode stack,
                        List<DamageRow> damage, List<VolumeSummary> volumes,
                        List<FilesystemDamageRow> filesystemDamage, List<FileRow> files, List<String> notes,
                        List<DiskView> disks) {
        this(title, generatedAt, image, map, stack, damage, volumes, filesystemDamage, files, notes, disks, List.of());
    }

    /** A one-disk report: {@code disks} is that image and its map. */
    public RescueReport(String title, String generatedAt, ImageSummary image, MapView map, StackNode stack,
                        List<DamageRow> damage, List<VolumeSummary> volumes,
                        List<FilesystemDamageRow> filesystemDamage, List<FileRow> files, List<String> notes) {
        this(title, generatedAt, image, map, stack, damage, volumes, filesystemDamage, files, notes,
                map == null ? List.of() : List.of(new DiskView(image, map)));
    }

    public RescueReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(image, "image");
        damage = List.copyOf(damage);
        volumes = List.copyOf(volumes);
        filesystemDamage = List.copyOf(filesystemDamage);
        files = List.copyOf(files);
        notes = List.copyOf(notes);
        disks = List.copyOf(disks);
        progress = List.copyOf(progress);
    }

    /** One rescued image and its map, with what imaging it cost (null when not counted). */
    public record DiskView(ImageSummary image, MapView map, Imaging imaging) {
        public DiskView {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(map, "map");
        }

        public DiskView(ImageSummary image, MapView map) {
            this(image, map, null);
        }
    }

    /**
     * What imaging one disk cost, counted from the reads logs of every imaging run of the job (reads as in
     * {@code --log-reads}): a bad-area read touches a sector that is not finished in the final map;
     * {@code bytesReadWhenFilesComplete} is the bytes read until the files round ended, -1 while it has not;
     * {@code healedByArrayBytes} the bytes not finished in the map that the other members of an md array give back
     * (neither scraped nor retried: the array heals them), 0 for a disk in no array with redundancy.
     */
    public record Imaging(long reads, long badAreaReads, long bytesRead, long bytesReadWhenFilesComplete,
            long healedByArrayBytes) {

        public Imaging(long reads, long badAreaReads, long bytesRead, long bytesReadWhenFilesComplete) {
            this(reads, badAreaReads, bytesRead, bytesReadWhenFilesComplete, 0);
        }

        /** These counters with {@code bytes} healed by the arrays. */
        public Imaging withHealedByArrayBytes(long bytes) {
            return new Imaging(reads, badAreaReads, bytesRead, bytesReadWhenFilesComplete, bytes);
        }
    }

    /** Files complete and file data left in one volume ({@code complete}: the paths of the complete files). */
    public record VolumeProgress(String volume, int filesTotal, List<String> complete, long fileBytesLeft,
            boolean allKnown) {
        public VolumeProgress {
            complete = List.copyOf(complete);
        }
    }

    /** The rescued image: its name, size and how much of it was read. */
    public record ImageSummary(String name, long sizeBytes, long readableBytes) {
        public double readableFraction() {
            return sizeBytes == 0 ? 1.0 : (double) readableBytes / sizeBytes;
        }
    }

    /**
     * The mapfile picture's input.
     *
     * @param mapfile         the image's ddrescue mapfile
     * @param metadataRegions image byte ranges holding stack metadata (outlined in the picture), ordered,
     *                        non-overlapping
     */
    public record MapView(io.qrescue.mapfile.Mapfile mapfile, List<Range> metadataRegions) {
        public MapView {
            Objects.requireNonNull(mapfile, "mapfile");
            metadataRegions = List.copyOf(metadataRegions);
        }
    }

    /** {@code lengthBytes} bytes from {@code offsetBytes}. */
    public record Range(long offsetBytes, long lengthBytes) {
        public long endBytes() {
            return offsetBytes + lengthBytes;
        }
    }

    /**
     * One layer of the storage stack.
     *
     * @param label  what it is called ("md1", "vg1/lv1", "partition 3")
     * @param kind   what kind of layer ("disk image", "RAID5", "thin pool", "ext4 volume")
     * @param detail one line of state ("3 of 4 members", "metadata damaged"); may be empty
     */
    public record StackNode(String label, String kind, long sizeBytes, String detail, List<StackNode> children) {
        public StackNode {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
            children = List.copyOf(children);
        }
    }

    /**
     * One unreadable region of the image.
     *
     * @param status  the mapfile status in words ("bad sector", "non-tried")
     * @param touches what lives there ("thin pool metadata", "vg1/lv1 bytes 4096-8191", "free space")
     * @param cost    what is lost because of it ("3 files damaged", "nothing: unused")
     */
    public record DamageRow(Range region, String status, String touches, String cost) {
    }

    /** How much of a volume could be read. */
    public record VolumeSummary(String name, String filesystem, long sizeBytes, long readableBytes, String note) {
        public double readableFraction() {
            return sizeBytes == 0 ? 1.0 : (double) readableBytes / sizeBytes;
        }
    }

    /** Damage to a structure of the filesystem in {@code volume} (see {@code io.qrescue.recovery.files}). */
    public record FilesystemDamageRow(String volume, String structure, Range volumeRange, String detail) {
    }

    /**
     * A file of a volume.
     *
     * @param damagedRanges byte ranges within the file that could not be read; empty when intact
     * @param state         INTACT, DAMAGED (some bytes unreadable), UNKNOWN (some bytes of unknown provenance: the
     *                      stack's metadata could not vouch for where they come from) or LOST (its inode or block map
     *                      is damaged)
     * @param sha256        digest of the copied file, or empty
     */
    public record FileRow(String volume, String path, long inode, long sizeBytes, List<Range> damagedRanges,
                          FileState state, String sha256) {
        public FileRow {
            damagedRanges = List.copyOf(damagedRanges);
        }
    }

    /** How a file came through (the order reports list them in). */
    public enum FileState { LOST, UNKNOWN, DAMAGED, INTACT }
}
