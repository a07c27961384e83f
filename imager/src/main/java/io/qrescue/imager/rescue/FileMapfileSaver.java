package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileFiles;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.function.Supplier;

/**
 * Saves the rescue's mapfile crash-safely through {@link MapfileFiles}: the new map is on the device before it
 * replaces the old one, so a crash leaves the old or the new map, never a torn one. Keeps ddrescue's
 * {@code MAPFILE.bak}: the mapfile becomes the backup before a save only if the previous save was a synced one
 * (ddrescue spec 1.8).
 */
public final class FileMapfileSaver implements MapfileSaver {

    private final Path path;
    private final MapfileHeader header;
    private final Supplier<LocalDateTime> now;
    private final MapfileFiles files = new MapfileFiles();
    private boolean previousSaveSynced;

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

    /** {@inheritDoc} Every save is written durably; {@code sync} only decides the next backup rotation. */
    @Override
    public void save(Mapfile mapfile, boolean sync) throws IOException {
        byte[] text = MapfileWriter.toBytes(mapfile, header.at(now.get()));
        files.replace(path, text, previousSaveSynced);
        previousSaveSynced = sync;
    }
}
