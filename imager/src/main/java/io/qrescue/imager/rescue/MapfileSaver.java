package io.qrescue.imager.rescue;

import io.qrescue.mapfile.Mapfile;
import java.io.IOException;

/**
 * Writes the rescue's mapfile; the rescuer decides when (spec 1.8). Implementations own the file name, the
 * header (command line, start time, current time) and the crash safety of the write.
 */
public interface MapfileSaver {

    /**
     * Saves {@code mapfile} (header, status message, status line, blocks). {@code sync} asks for the data to be
     * on disk before returning (ddrescue syncs at most every sync interval, and always on the final save).
     */
    void save(Mapfile mapfile, boolean sync) throws IOException;
}
