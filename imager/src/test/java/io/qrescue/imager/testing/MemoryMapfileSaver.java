package io.qrescue.imager.testing;

import io.qrescue.imager.rescue.MapfileTarget;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileSaveFailure;
import io.qrescue.mapfile.MapfileSaver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Keeps every saved mapfile as text (the real saver's rendering, in memory instead of a file). */
public final class MemoryMapfileSaver implements MapfileSaver.Store {

    private static final MapfileHeader HEADER =
            new MapfileHeader(MapfileHeader.RESCUE_CREATOR, "qrescue test", "2026-01-01 00:00:00", null);

    private final List<String> saves = new ArrayList<>();

    @Override
    public void replace(Path mapfile, byte[] content, boolean rotateBackup) {
        saves.add(new String(content, StandardCharsets.ISO_8859_1));
    }

    /** Where a run keeps its map in this store; a failed save stops the run. */
    public MapfileTarget target() {
        return new MapfileTarget(Path.of("memory.map"), HEADER, this, MapfileSaveFailure.Handler.ABORT,
                Path.of("").toAbsolutePath());
    }

    /** The text of the last save; null if nothing was saved. */
    public String lastText() {
        return saves.isEmpty() ? null : saves.get(saves.size() - 1);
    }

    public int saveCount() {
        return saves.size();
    }
}
