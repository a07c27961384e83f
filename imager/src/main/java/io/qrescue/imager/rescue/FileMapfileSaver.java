package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.function.Supplier;

/**
 * Saves the mapfile by writing a temporary file next to it and renaming it over the old one, so a crash
 * leaves either the old or the new map, never a torn one. A simple saver until the crash-safe one with
 * ddrescue's {@code .bak} rotation replaces it.
 */
public final class FileMapfileSaver implements MapfileSaver {

    private final Path path;
    private final MapfileHeader header;
    private final Supplier<LocalDateTime> now;

    /**
     * @param path   the mapfile
     * @param header command line and start time; its current time is replaced at each save
     * @param now    the local time written as "Current time"
     */
    public FileMapfileSaver(Path path, MapfileHeader header, Supplier<LocalDateTime> now) {
        this.path = path;
        this.header = header;
        this.now = now;
    }

    @Override
    public void save(Mapfile mapfile, boolean sync) throws IOException {
        byte[] text = MapfileWriter.toText(mapfile, header.at(now.get())).getBytes(StandardCharsets.ISO_8859_1);
        Path dir = path.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (sync) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
