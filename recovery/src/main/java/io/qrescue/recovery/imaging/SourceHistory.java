package io.qrescue.recovery.imaging;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every source a mapfile was fed from, kept beside it in {@code MAPFILE.source} (not a ddrescue file: GNU ddrescue
 * ignores it). ddrescue lets any input resume any mapfile, and its documented ways of working depend on that:
 * several damaged copies of the same data combined into one rescue, the other member of a RAID1 mirror, a
 * generate-mode map then a rescue from another copy, a disk renamed or re-attached under another /dev name. So a
 * new source is accepted, with a warning, and recorded. What is refused is the classic mistake: after a reboot
 * /dev/sdX names another disk, and a mapfile made from one disk is resumed on a <em>different disk of a different
 * size</em>; its finished areas would then describe data the new disk does not hold. That is: the input is a
 * device, the mapfile was fed from devices before, none of which has the input's serial (or the serial is
 * unknown) and none has its size. {@code --add-source} (qrescue's own option) says it is another copy all the
 * same and goes on. Regular files are never refused: partial copies and images of different sizes are ddrescue's
 * daily work.
 *
 * <p>The file holds {@code key=value} lines, one group per source, each group starting with {@code path=};
 * unknown keys are ignored so later versions may add some. A file written by an earlier qrescue (one group,
 * without {@code kind}) reads as one source.
 */
final class SourceHistory {

    /** What a source was. */
    enum Kind { DEVICE, FILE }

    /**
     * One source.
     *
     * @param path      where it was, for people (device names are not compared: they change between boots)
     * @param kind      a block device or a regular file
     * @param model     empty for a regular file or an unknown model
     * @param serial    empty for a regular file or an unknown serial
     * @param sizeBytes its size
     */
    record Source(String path, Kind kind, String model, String serial, long sizeBytes) {

        Source {
            path = oneLine(path);
            Objects.requireNonNull(kind, "kind");
            model = oneLine(model);
            serial = oneLine(serial);
        }

        /** The same source: a disk by its serial and size (any path), a file by its path and size. */
        boolean sameAs(Source other) {
            if (kind != other.kind || sizeBytes != other.sizeBytes) {
                return false;
            }
            if (kind == Kind.DEVICE && !serial.isEmpty() && !other.serial.isEmpty()) {
                return serial.equals(other.serial);
            }
            return path.equals(other.path);
        }

        String describe() {
            StringBuilder b = new StringBuilder(path.isEmpty() ? "?" : path);
            b.append(" (");
            if (!model.isEmpty()) {
                b.append(model).append(", ");
            }
            if (!serial.isEmpty()) {
                b.append("serial ").append(serial).append(", ");
            }
            return b.append(sizeBytes).append(" bytes)").toString();
        }
    }

    /** What to do with a source. */
    sealed interface Verdict permits Known, Added, Refused {
    }

    /** A source the mapfile was fed from before (perhaps under another device name). */
    record Known() implements Verdict {
    }

    /** A new source, accepted and to be recorded; {@code warning} says so. */
    record Added(String warning) implements Verdict {
    }

    /** A mistake: {@code reason} names both disks and how to go on anyway. */
    record Refused(String reason) implements Verdict {
    }

    private final List<Source> sources;

    SourceHistory(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    /** {@code MAPFILE.source}, beside the mapfile. */
    static Path sidecarOf(Path mapfile) {
        return mapfile.resolveSibling(mapfile.getFileName() + ".source");
    }

    List<Source> sources() {
        return sources;
    }

    /**
     * Whether the mapfile may be fed from {@code current}: {@code addSource} is qrescue's {@code --add-source};
     * {@code inputName} and {@code mapName} are the operands as typed, for the messages.
     */
    Verdict check(Source current, boolean addSource, String inputName, String mapName) {
        if (sources.stream().anyMatch(current::sameAs)) {
            return new Known();
        }
        List<Source> devices = sources.stream().filter(s -> s.kind() == Kind.DEVICE).toList();
        boolean otherDiskOtherSize = current.kind() == Kind.DEVICE && !devices.isEmpty()
                && devices.stream().noneMatch(d -> d.sizeBytes() == current.sizeBytes())
                && (current.serial().isEmpty() || devices.stream().noneMatch(d -> d.serial().equals(current.serial())));
        String before = String.join(", ", sources.stream().map(Source::describe).toList());
        if (otherDiskOtherSize && !addSource) {
            return new Refused(inputName + ": is not a disk this mapfile was fed from: it is "
                    + current.describe() + ", " + mapName + " was fed from " + before
                    + ". A different disk of a different size is most likely the wrong disk (device names change"
                    + " between boots). If it holds the same data (another copy), add --add-source");
        }
        return new Added(inputName + ": " + mapName + " was fed from " + before + "; now also from "
                + current.describe() + ", taken as another copy of the same data (if it is the wrong disk, stop"
                + " now)");
    }

    /** This history with {@code source} added. */
    SourceHistory with(Source source) {
        List<Source> all = new ArrayList<>(sources);
        all.add(source);
        return new SourceHistory(all);
    }

    /** The file's contents. */
    byte[] toBytes() {
        StringBuilder text = new StringBuilder("# qrescue: every source the mapfile beside this file was fed from;"
                + " a different disk of a different size is refused (--add-source accepts it)\n");
        for (Source s : sources) {
            text.append("path=").append(s.path()).append('\n')
                    .append("kind=").append(s.kind().name().toLowerCase(java.util.Locale.ROOT)).append('\n')
                    .append("model=").append(s.model()).append('\n')
                    .append("serial=").append(s.serial()).append('\n')
                    .append("size=").append(s.sizeBytes()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The sources in {@code text}; a group without a valid size is skipped. */
    static SourceHistory parse(String text) {
        List<Source> out = new ArrayList<>();
        Group group = null;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq < 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("path")) {
                if (group != null) {
                    group.addTo(out);
                }
                group = new Group();
            }
            if (group == null) {
                group = new Group();
            }
            group.set(key, value);
        }
        if (group != null) {
            group.addTo(out);
        }
        return new SourceHistory(out);
    }

    /** The keys of one source as read. */
    private static final class Group {
        String path = "";
        String kind;
        String model = "";
        String serial = "";
        Long size;

        void set(String key, String value) {
            switch (key) {
                case "path" -> path = value;
                case "kind" -> kind = value;
                case "model" -> model = value;
                case "serial" -> serial = value;
                case "size" -> size = parseSize(value);
                default -> {
                    // a key of a later version
                }
            }
        }

        void addTo(List<Source> out) {
            if (size == null) {
                return;
            }
            // an earlier qrescue wrote no kind: it recorded devices by their /dev path
            Kind k = kind != null ? (kind.equals("file") ? Kind.FILE : Kind.DEVICE)
                    : path.startsWith("/dev/") ? Kind.DEVICE : Kind.FILE;
            out.add(new Source(path, k, model, serial, size));
        }
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
