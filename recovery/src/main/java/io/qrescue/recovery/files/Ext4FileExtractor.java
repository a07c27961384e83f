package io.qrescue.recovery.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Copies every file out of an ext4 volume image without mounting it: one {@code debugfs rdump} of the root into
 * {@code OUT/.files.partial}, renamed to {@code OUT/files} once complete; then {@code OUT/manifest.txt}
 * ("sha256 size path" per regular file), {@code OUT/SHA256SUMS} (for {@code sha256sum -c} inside files/),
 * {@code OUT/damaged-files.txt} and, last, {@code OUT/manifest.json}, each written atomically. A run that
 * failed (no space, killed) leaves no manifest and is redone from scratch by the next run.
 */
public final class Ext4FileExtractor {

    static final String FILES = "files";
    static final String PARTIAL = ".files.partial";
    static final String MANIFEST_TEXT = "manifest.txt";
    static final String SHA256SUMS = "SHA256SUMS";
    static final String DAMAGED = "damaged-files.txt";
    static final String MANIFEST_JSON = "manifest.json";
    private static final Set<String> OURS = Set.of(FILES, PARTIAL, MANIFEST_TEXT, SHA256SUMS, DAMAGED, MANIFEST_JSON,
            "." + MANIFEST_TEXT + ".tmp", "." + SHA256SUMS + ".tmp", "." + DAMAGED + ".tmp", "." + MANIFEST_JSON + ".tmp");

    private final E2fsTools tools;

    public Ext4FileExtractor(E2fsTools tools) {
        this.tools = tools;
    }

    /**
     * Copies the files of {@code volumeImage} into {@code outDir}, marking those {@code impact} lists as damaged.
     *
     * @param impact the damage found by {@link Ext4ImpactAnalyzer}, or null when not analysed
     * @throws IOException with a one-line message naming {@code outDir} when the output cannot be written (full,
     *                     read-only, not empty), or the image cannot be read
     */
    public FileCopyResult extract(Path volumeImage, Path outDir, FileImpact impact) throws IOException {
        prepare(outDir);
        Path partial = outDir.resolve(PARTIAL);
        Path files = outDir.resolve(FILES);
        Path work = Files.createTempDirectory("qrescue-extract-");
        List<String> warnings = new ArrayList<>();
        try {
            // through the superblock the damage analysis read (never one on damaged bytes)
            Ext4Opening.Opened opened = impact != null && impact.superblockUsed() != 0
                    ? Ext4Opening.through(tools.withSuperblock(impact.superblockUsed(), impact.blockSizeBytes()),
                            volumeImage, work)
                    : Ext4Opening.open(tools, volumeImage, work);
            Files.createDirectory(partial);
            E2fsTools.Run run = opened.tools().debugfs(volumeImage,
                    List.of("rdump \"/\" \"" + partial.toAbsolutePath() + "\""), work);
            for (String line : run.stderr().lines().filter(l -> !l.isBlank() && !l.startsWith("debugfs 1."))
                    .distinct().toList()) {
                if (isOutputFailure(line)) {
                    throw new IOException(outDir + ": cannot write the copied files: " + line.trim());
                }
                warnings.add("debugfs: " + line.trim());
            }
            if (opened.tools().superblock() != 0) {
                warnings.add("primary superblock unreadable; copied through the backup at block "
                        + opened.tools().superblock());
            }
            List<ManifestEntry> entries = walk(partial, damageByPath(impact));
            Files.move(partial, files);
            long fileCount = entries.stream().filter(e -> e.kind() == ManifestEntry.Kind.FILE).count();
            long total = entries.stream().mapToLong(ManifestEntry::sizeBytes).sum();
            FileCopyResult result = new FileCopyResult(files, outDir.resolve(MANIFEST_TEXT),
                    outDir.resolve(SHA256SUMS), outDir.resolve(MANIFEST_JSON), outDir.resolve(DAMAGED), entries,
                    fileCount, total, warnings);
            ManifestWriter.write(result, volumeImage, impact);
            return result;
        } catch (IOException e) {
            FileTrees.deleteTree(partial);
            if (!Files.exists(outDir.resolve(MANIFEST_JSON))) {
                FileTrees.deleteTree(files);   // an unfinished copy: free the space, the next run starts over anyway
            }
            if (e.getMessage() != null && e.getMessage().contains("No space left")) {
                throw new IOException(outDir + ": no space left on the output device while copying files out", e);
            }
            throw e;
        } finally {
            FileTrees.deleteTree(work);
        }
    }

    /** Errors about writing the copy (not about reading the image): the output is unusable. */
    static boolean isOutputFailure(String stderrLine) {
        return stderrLine.contains("No space left") || stderrLine.contains("while writing")
                || stderrLine.contains("Read-only file system") || stderrLine.contains("Disk quota exceeded")
                || stderrLine.contains("while making directory") || stderrLine.contains("while creating");
    }

    /** The output directory exists and holds nothing but leftovers of an unfinished earlier run, now removed. */
    private static void prepare(Path outDir) throws IOException {
        if (outDir.toString().contains("\"")) {
            throw new IOException(outDir + ": a double quote in the output path cannot be passed to debugfs");
        }
        Files.createDirectories(outDir);
        if (Files.exists(outDir.resolve(MANIFEST_JSON))) {
            throw new IOException(outDir + ": already holds a finished copy (" + MANIFEST_JSON + "); choose another"
                    + " directory");
        }
        try (Stream<Path> s = Files.list(outDir)) {
            List<Path> present = s.toList();
            for (Path p : present) {
                if (!OURS.contains(p.getFileName().toString())) {
                    throw new IOException(outDir + ": not empty (" + p.getFileName() + "); give an empty or new"
                            + " directory");
                }
            }
            for (Path p : present) {
                FileTrees.deleteTree(p);
            }
        }
    }

    private static Map<String, DamagedFile> damageByPath(FileImpact impact) {
        if (impact == null) {
            return Map.of();
        }
        return impact.files().stream().flatMap(f -> f.paths().stream().map(p -> Map.entry(p, f)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    static List<ManifestEntry> walk(Path root, Map<String, DamagedFile> damage) throws IOException {
        List<ManifestEntry> out = new ArrayList<>();
        Function<Path, String> rel = p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    out.add(new ManifestEntry(rel.apply(dir), ManifestEntry.Kind.DIRECTORY, 0, "", "", null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String path = rel.apply(file);
                DamagedFile d = damage.get("/" + path);
                if (attrs.isSymbolicLink()) {
                    out.add(new ManifestEntry(path, ManifestEntry.Kind.SYMLINK, 0, "",
                            Files.readSymbolicLink(file).toString(), d));
                } else if (attrs.isRegularFile()) {
                    out.add(new ManifestEntry(path, ManifestEntry.Kind.FILE, attrs.size(), sha256(file), "", d));
                } else {
                    out.add(new ManifestEntry(path, ManifestEntry.Kind.OTHER, 0, "", "", d));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(Comparator.comparing(ManifestEntry::path));
        return out;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

}
