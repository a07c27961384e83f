package io.qrescue.recovery.vm.appliance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The file tree of the initramfs before it is packed: relative paths (no leading slash) to directories, files
 * (host file or literal bytes) and symbolic links. Parent directories are added automatically; entries are
 * written in path order, so the archive does not depend on the order things were added.
 */
public final class InitramfsTree {

    /** One entry of the tree. */
    public sealed interface Node permits Directory, HostFile, Content, Symlink {
    }

    /** A directory. */
    public record Directory() implements Node {
    }

    /** A file copied from the host (symbolic links followed). */
    public record HostFile(Path source, int permissions) implements Node {
    }

    /** A file with literal content. */
    public record Content(byte[] bytes, int permissions) implements Node {
    }

    /** A symbolic link. */
    public record Symlink(String target) implements Node {
    }

    private final NavigableMap<String, Node> nodes = new TreeMap<>();

    /** Adds a directory (and its parents). */
    public void directory(String path) {
        String clean = clean(path);
        if (clean.isEmpty()) {
            return;
        }
        parents(clean);
        nodes.putIfAbsent(clean, new Directory());
    }

    /** Adds a copy of a host file at {@code path}; a later add of the same path wins. */
    public void hostFile(String path, Path source, int permissions) {
        put(path, new HostFile(source, permissions));
    }

    /** Adds a text file. */
    public void text(String path, String content, int permissions) {
        put(path, new Content(content.getBytes(StandardCharsets.UTF_8), permissions));
    }

    /** Adds a symbolic link unless something is already at {@code path}. */
    public void symlinkIfAbsent(String path, String target) {
        String clean = clean(path);
        if (!nodes.containsKey(clean)) {
            put(clean, new Symlink(target));
        }
    }

    /** Adds or replaces a symbolic link. */
    public void symlink(String path, String target) {
        put(path, new Symlink(target));
    }

    /** True when something is at {@code path}. */
    public boolean contains(String path) {
        return nodes.containsKey(clean(path));
    }

    /** The entries in archive order. */
    public NavigableMap<String, Node> nodes() {
        return Collections.unmodifiableNavigableMap(nodes);
    }

    /** Packs the tree as a newc cpio with every time set to {@code mtimeSeconds}. */
    public void writeCpio(OutputStream out, long mtimeSeconds) throws IOException {
        try (CpioWriter cpio = new CpioWriter(out, mtimeSeconds)) {
            for (var e : nodes.entrySet()) {
                Node node = e.getValue();
                if (node instanceof Directory) {
                    cpio.directory(e.getKey(), 0755);
                } else if (node instanceof HostFile f) {
                    cpio.file(e.getKey(), f.permissions(), Files.readAllBytes(f.source()));
                } else if (node instanceof Content c) {
                    cpio.file(e.getKey(), c.permissions(), c.bytes());
                } else if (node instanceof Symlink s) {
                    cpio.symlink(e.getKey(), s.target());
                }
            }
        }
    }

    private void put(String path, Node node) {
        String clean = clean(path);
        parents(clean);
        nodes.put(clean, node);
    }

    private void parents(String clean) {
        int slash = clean.lastIndexOf('/');
        if (slash > 0) {
            directory(clean.substring(0, slash));
        }
    }

    private static String clean(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
