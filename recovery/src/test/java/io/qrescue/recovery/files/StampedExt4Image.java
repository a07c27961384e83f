package io.qrescue.recovery.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A test ext4 image built without mounting: a seeded random tree (names with spaces and non-ASCII letters, a
 * symlink, empty files, a deep path) put in by {@code mke2fs -d}, then a second pass with {@code debugfs -w}
 * that deletes every other file of one directory and writes big files into the gaps, so they fragment. Every
 * 4 KiB block of every file starts with a stamp "QRSTAMP:fileId:blockIndex:", so where each file block lies
 * in the image is found by scanning the image for stamps: an oracle that knows nothing of ext4.
 */
final class StampedExt4Image {

    static final int BLOCK = 4096;
    private static final String MAGIC = "QRSTAMP:";

    /** A live file of the image: its path in the filesystem, its size, and where its blocks lie. */
    record StampedFile(int id, String path, long sizeBytes, Map<Long, Long> physicalBlockByIndex) {
    }

    final Path image;
    final Path sourceTree;          // the tree as it should come out (after the second pass)
    final Map<Integer, StampedFile> files = new LinkedHashMap<>();

    private StampedExt4Image(Path image, Path sourceTree) {
        this.image = image;
        this.sourceTree = sourceTree;
    }

    /** Builds an image of {@code sizeMiB} MiB in {@code dir} from {@code seed}. */
    static StampedExt4Image build(Path dir, long seed, int sizeMiB, int fileCount) throws IOException {
        Random rnd = new Random(seed);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Map<Integer, String> pathById = new HashMap<>();
        String[] dirs = {"", "docs", "docs/Ünïcode dïr", "photos 2024", "a/b/c/d/e/f/g/h/deep", "frag"};
        for (String d : dirs) {
            Files.createDirectories(tree.resolve(d.isEmpty() ? "." : d));
        }
        int id = 0;
        for (; id < fileCount; id++) {
            String d = dirs[id % (dirs.length - 1)];
            String name = switch (id % 4) {
                case 0 -> "file " + id + ".bin";
                case 1 -> "fïlé-" + id + " ☃.dat";
                case 2 -> "f" + id;
                default -> "odd 'quote' \"dq\" & <tag> #" + id;
            };
            long size = switch (id % 7) {
                case 0 -> 0;
                case 1 -> 1 + rnd.nextInt(4000);
                case 2 -> rnd.nextInt(3 * 1024 * 1024);
                default -> rnd.nextInt(200_000);
            };
            String rel = d.isEmpty() ? name : d + "/" + name;
            writeStamped(tree.resolve(rel), id, size, rnd);
            pathById.put(id, "/" + rel);
        }
        // small files in frag/, half deleted in the second pass
        List<Integer> fragSmall = new ArrayList<>();
        for (int i = 0; i < 24; i++, id++) {
            String rel = "frag/small" + i;
            writeStamped(tree.resolve(rel), id, 3 * BLOCK + 100, rnd);
            pathById.put(id, "/" + rel);
            fragSmall.add(id);
        }
        Files.createSymbolicLink(tree.resolve("docs/link to Ünïcode"), Path.of("Ünïcode dïr"));
        writeStamped(tree.resolve("line\nbreak \\ name"), id, 9000, rnd);
        pathById.put(id++, "/line\nbreak \\ name");
        Path image = dir.resolve("volume.img");
        run(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-b", Integer.toString(BLOCK), "-d", tree.toString(),
                image.toString(), sizeMiB + "M"), dir);
        // second pass: free every other small file, then write big files that must fill the holes
        StringBuilder cmds = new StringBuilder();
        for (int i = 0; i < fragSmall.size(); i += 2) {
            int victim = fragSmall.get(i);
            cmds.append("rm \"").append(pathById.get(victim)).append("\"\n");
            Files.delete(tree.resolve(pathById.get(victim).substring(1)));
            pathById.remove(victim);
        }
        Path staging = Files.createDirectories(dir.resolve("staging"));
        for (int i = 0; i < 3; i++, id++) {
            Path local = staging.resolve("big" + i);
            writeStamped(local, id, 5L * BLOCK * 3 + rnd.nextInt(BLOCK * 4), rnd);
            String rel = "frag/big " + i;
            Files.copy(local, tree.resolve(rel));
            cmds.append("write ").append(local).append(" \"/").append(rel).append("\"\n");
            pathById.put(id, "/" + rel);
        }
        Path cmdFile = dir.resolve("pass2.cmd");
        Files.writeString(cmdFile, cmds);
        run(List.of("debugfs", "-w", "-f", cmdFile.toString(), image.toString()), dir);
        StampedExt4Image img = new StampedExt4Image(image, tree);
        img.scan(pathById, tree);
        return img;
    }

    /** Writes {@code size} seeded random bytes with a stamp at the start of every 4 KiB block. */
    private static void writeStamped(Path file, int id, long sizeWanted, Random rnd) throws IOException {
        // a last block shorter than a stamp would hold a cut stamp the scan cannot read
        long size = sizeWanted % BLOCK > 0 && sizeWanted % BLOCK < 40 ? sizeWanted + 40 : sizeWanted;
        byte[] data = new byte[(int) size];
        rnd.nextBytes(data);
        for (long b = 0; b * BLOCK < size; b++) {
            byte[] stamp = (MAGIC + id + ":" + b + ":").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(stamp, 0, data, (int) (b * BLOCK), (int) Math.min(stamp.length, size - b * BLOCK));
        }
        Files.write(file, data);
    }

    /** Finds every live file block in the image by its stamp. */
    private void scan(Map<Integer, String> pathById, Path tree) throws IOException {
        Map<Integer, Map<Long, Long>> where = new HashMap<>();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
            for (long block = 0; block * BLOCK < ch.size(); block++) {
                buf.clear();
                ch.read(buf, block * BLOCK);
                boolean stamped = true;
                for (int i = 0; i < magic.length && stamped; i++) {
                    stamped = buf.get(i) == magic[i];
                }
                if (!stamped) {
                    continue;
                }
                String head = new String(buf.array(), 0, 40, StandardCharsets.ISO_8859_1);
                String[] parts = head.split(":");
                if (parts.length < 3) {
                    continue;   // a stamp cut short by the file end
                }
                int fileId = Integer.parseInt(parts[1]);
                if (pathById.containsKey(fileId)) {   // blocks of deleted files keep their stamps in free space
                    Long before = where.computeIfAbsent(fileId, k -> new HashMap<>()).put(Long.parseLong(parts[2]), block);
                    if (before != null) {
                        throw new IllegalStateException("stamp " + fileId + ":" + parts[2] + " twice in the image");
                    }
                }
            }
        }
        for (Map.Entry<Integer, String> e : pathById.entrySet()) {
            long size = Files.size(tree.resolve(e.getValue().substring(1)));
            files.put(e.getKey(), new StampedFile(e.getKey(), e.getValue(), size, where.getOrDefault(e.getKey(), Map.of())));
        }
    }

    /** Volume byte ranges holding bytes {@code [from, to)} of {@code f}, one per file block touched. */
    static List<ByteRange> volumeRangesOf(StampedFile f, long from, long to) {
        List<ByteRange> out = new ArrayList<>();
        for (long b = from / BLOCK; b * BLOCK < to; b++) {
            Long phys = f.physicalBlockByIndex().get(b);
            if (phys == null) {
                throw new IllegalStateException(f.path() + " block " + b + " not found in the image");
            }
            long s = Math.max(from, b * BLOCK);
            long e = Math.min(to, (b + 1) * BLOCK);
            out.add(new ByteRange(phys * BLOCK + (s - b * BLOCK), e - s));
        }
        return out;
    }

    /** Runs a host tool in {@code dir}; fails with its output when it exits non-zero. */
    static String run(List<String> argv, Path dir) throws IOException {
        Path log = Files.createTempFile("tool-", ".log");
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " failed:\n" + Files.readString(log));
            }
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** True if some file's blocks are not one contiguous run. */
    boolean hasFragmentedFile() {
        return files.values().stream().anyMatch(f -> {
            long expected = -1;
            for (long b = 0; b < f.physicalBlockByIndex().size(); b++) {
                long p = f.physicalBlockByIndex().get(b);
                if (expected >= 0 && p != expected) {
                    return true;
                }
                expected = p + 1;
            }
            return false;
        });
    }

}
