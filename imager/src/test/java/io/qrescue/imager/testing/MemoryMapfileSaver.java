package io.qrescue.imager.testing;

import io.qrescue.imager.rescue.MapfileSaver;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileHeader;
import io.qrescue.mapfile.MapfileWriter;
import java.util.ArrayList;
import java.util.List;

/** Keeps every saved mapfile as text, with a fixed header. */
public final class MemoryMapfileSaver implements MapfileSaver {

    private static final MapfileHeader HEADER =
            new MapfileHeader(MapfileHeader.RESCUE_CREATOR, "qrescue test", "2026-01-01 00:00:00", "2026-01-01 00:00:00");

    private final List<String> saves = new ArrayList<>();
    private int syncedSaves;

    @Override
    public void save(Mapfile mapfile, boolean sync) {
        saves.add(MapfileWriter.toText(mapfile, HEADER));
        if (sync) {
            ++syncedSaves;
        }
    }

    /** The text of the last save; null if nothing was saved. */
    public String lastText() {
        return saves.isEmpty() ? null : saves.get(saves.size() - 1);
    }

    public int saveCount() {
        return saves.size();
    }

    public int syncedSaveCount() {
        return syncedSaves;
    }
}
