package io.qrescue.recovery.volume;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.MapfileWriter;
import io.qrescue.mapfile.RunStatus;
import io.qrescue.mapfile.StatusBlock;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.DamageKind;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.source.MappedSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a volume as a flat raw image of its size, sparse: holes and all-zero runs (at {@link #SPARSE_UNIT}
 * granularity) are not written, the file system leaves them unallocated. Data moves in large positional reads
 * and writes: a thread reads the image a few chunks ahead ({@link ReadAhead}) while the calling thread writes
 * ({@link SparseWriter}), so reading the image and writing the output overlap instead of taking turns. Damaged
 * ranges are copied as the image holds them (zeros, or a marker a ddrescue fill put there), reported to the
 * listener and marked in a ddrescue mapfile for the output: '+' for bytes from finished image bytes or holes,
 * the image's status for the others. The image is read by one thread at a time (the read-ahead's while it
 * runs), so it need not be thread-safe.
 *
 * <p>The image is written under a temporary name beside the output, forced to the device, and renamed into
 * place only after its mapfile is saved; a failed or interrupted extraction deletes it. The output never
 * exists half-written.
 */
public final class VolumeExtractor {

    /** All-zero runs of this many bytes, aligned in the volume, are skipped (a file system block). */
    public static final int SPARSE_UNIT = 4096;

    /**
     * Chunks read ahead of the writer: with the default chunk, 2 MiB in all, small enough to stay in the CPU's
     * cache between the read that fills a buffer and the write that empties it (measured: 4 MiB chunks, 16 MiB
     * in all, cost about half as much kernel time again; bench/results/2026-11-27-extract-1G-readahead.md).
     */
    static final int READ_AHEAD_CHUNKS = 8;

    /**
     * Extracts {@code volume} as {@code request} says: a {@link MappedSource} through its extent map (holes are not
     * read), any other source (a decrypted volume) byte by byte.
     */
    public ExtractionResult extract(ImageSource volume, ExtractionRequest request, ExtractionListener listener)
            throws IOException {
        Path out = request.imageFile();
        if (!request.overwrite()) {
            refuseExisting(out);
            refuseExisting(request.mapfile());
        }
        List<Damage> damage = volume.damageIn(0, volume.size());
        for (Damage d : damage) {
            listener.damaged(d);
        }
        Path dir = out.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + out.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        boolean mapfileExisted = Files.exists(request.mapfile());
        boolean mapfileSaved = false;
        boolean moved = false;
        try {
            Files.deleteIfExists(temp); // left by a killed process that had our pid
            Files.createFile(temp);
            long[] counts;
            try (RandomAccessFile file = new RandomAccessFile(temp.toFile(), "rw")) {
                file.setLength(volume.size()); // a hole of the full size; only data gets blocks
                // bytes of unknown provenance are copied as read (marked): only unreadable ones are left out
                List<Damage> skipped = request.readableOnly()
                        ? damage.stream().filter(d -> d.kind() == DamageKind.UNREADABLE).toList() : List.of();
                counts = copyData(volume, skipped, file.getChannel(), request.chunkBytes(), listener);
                file.getChannel().force(true);
            }
            byte[] map = mapfileText(volume.size(), damage, request);
            new MapfileFiles().replace(request.mapfile(), map, false);
            mapfileSaved = true;
            Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            return new ExtractionResult(volume.size(), counts[0], counts[1], damage);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
                if (mapfileSaved && !mapfileExisted) {
                    Files.deleteIfExists(request.mapfile()); // it describes an image that is not there
                }
            }
        }
    }

    /** The ddrescue mapfile of an output of {@code sizeBytes} with {@code damage} not finished. */
    static Mapfile outputMapfile(long sizeBytes, List<Damage> damage) {
        List<StatusBlock> blocks = new ArrayList<>();
        long cursor = 0;
        for (Damage d : damage) {
            if (d.offset() > cursor) {
                blocks.add(new StatusBlock(cursor, d.offset() - cursor, BlockStatus.FINISHED));
            }
            blocks.add(new StatusBlock(d.offset(), d.length(), d.status()));
            cursor = d.end();
        }
        if (cursor < sizeBytes) {
            blocks.add(new StatusBlock(cursor, sizeBytes - cursor, BlockStatus.FINISHED));
        }
        Mapfile mapfile = new Mapfile(0, RunStatus.FINISHED, 1, BlockMap.of(BlockMap.compacted(blocks)));
        mapfile.runStatus(RunStatus.FINISHED, null);
        return mapfile;
    }

    private static byte[] mapfileText(long sizeBytes, List<Damage> damage, ExtractionRequest request) {
        return MapfileWriter.toText(outputMapfile(sizeBytes, damage), request.header())
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Copies every non-hole extent but the bytes of {@code skipped} (sorted, not overlapping), which stay holes;
     * returns {mapped bytes, written bytes}.
     */
    private static long[] copyData(ImageSource volume, List<Damage> skipped, FileChannel out, int chunkBytes,
            ExtractionListener listener) throws IOException {
        SparseWriter writer = new SparseWriter(out);
        long done = 0;
        long mapped = 0;
        listener.progress(0, volume.size());
        ImageSource below = volume instanceof MappedSource m ? m.lower() : volume;
        ExtentMap full = volume instanceof MappedSource m ? m.map() : ExtentMap.linear(volume.size());
        for (Extent extent : full.extents()) {
            mapped += extent.isHole() ? 0 : extent.length();
        }
        ExtentMap map = skipped.isEmpty() ? full : without(full, skipped);
        try (ReadAhead chunks = ReadAhead.start(below, map, chunkBytes, READ_AHEAD_CHUNKS)) {
            for (Extent extent : map.extents()) {
                if (!extent.isHole()) {
                    for (long at = 0; at < extent.length(); ) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedIOException("extraction interrupted at volume offset "
                                    + (extent.logicalStart() + at));
                        }
                        ReadAhead.Chunk chunk = chunks.next();
                        if (chunk.logicalStart() != extent.logicalStart() + at) {
                            throw new IllegalStateException("read ahead at volume offset " + chunk.logicalStart()
                                    + ", expected " + (extent.logicalStart() + at));
                        }
                        writer.write(chunk.buffer(), chunk.logicalStart());
                        chunks.recycle(chunk);
                        at += chunk.lengthBytes();
                        listener.progress(done + at, volume.size());
                    }
                }
                done += extent.length();
                listener.progress(done, volume.size());
            }
        }
        return new long[] {mapped, writer.writtenBytes()};
    }

    /** {@code map} with the volume bytes of {@code skipped} (sorted, not overlapping) turned into holes. */
    static ExtentMap without(ExtentMap map, List<Damage> skipped) {
        ExtentMap.Builder out = ExtentMap.builder();
        int next = 0;
        for (Extent e : map.extents()) {
            if (e.isHole()) {
                continue;
            }
            long at = e.logicalStart();
            while (next < skipped.size() && skipped.get(next).end() <= at) {
                next++;
            }
            for (int i = next; i < skipped.size() && skipped.get(i).offset() < e.logicalEnd(); i++) {
                Damage d = skipped.get(i);
                if (d.offset() > at) {
                    out.add(e.clipLogical(at, d.offset()));
                }
                at = Math.max(at, d.end());
            }
            if (at < e.logicalEnd()) {
                out.add(e.clipLogical(at, e.logicalEnd()));
            }
        }
        return out.build(map.logicalSize());
    }

    private static void refuseExisting(Path file) throws FileAlreadyExistsException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString(), null, "exists (use --force to replace it)");
        }
    }
}
