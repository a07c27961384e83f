package io.qrescue.recovery.pipeline;

import io.qrescue.imager.rescue.ReadEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.mapfile.Block;
import io.qrescue.mapfile.BlockMap;
import io.qrescue.recovery.files.Ext4Allocation;
import io.qrescue.recovery.source.Damage;
import io.qrescue.recovery.source.Readability;
import io.qrescue.recovery.stack.Placement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Follows one imaging run of one disk and tells each file that becomes complete while it runs, at each mapfile save
 * (so the saved mapfile already marks every byte of the file finished). A file is followed when all it lacks is
 * bytes of this disk not imaged yet (its other disks' bytes imaged, its map known); at a save only the files whose
 * bytes the run read since the last save are looked at, so a look costs what was read, not what the disk holds.
 * Files that become complete only through an array's redundancy are told after the run, by the job's own look.
 */
final class LiveFileCompletion implements RescueListener {

    /** A file this run may complete: its volume, name, size and its bytes on the disk being imaged. */
    record PendingFile(String volume, String name, long sizeBytes, List<Block> spans) {

        String id() {
            return volume + "/" + name;
        }
    }

    private final TreeMap<Long, List<PendingFile>> byStart = new TreeMap<>();
    private final Consumer<PendingFile> onComplete;
    private final Set<String> told = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<Block> readSinceSave = new ArrayList<>();

    LiveFileCompletion(List<PendingFile> pending, Consumer<PendingFile> onComplete) {
        this.onComplete = onComplete;
        for (PendingFile f : pending) {
            for (Block s : f.spans()) {
                byStart.computeIfAbsent(s.pos(), k -> new ArrayList<>(1)).add(f);
            }
        }
    }

    /**
     * The files of {@code view} that imaging disk {@code disk} alone can complete: not in {@code complete} ("vg/lv/
     * path"), their map known, every byte they lack a byte of this disk not finished in {@code maps}.
     */
    static List<PendingFile> pending(StackView view, int disk, List<BlockMap> maps, Set<String> complete) {
        List<PendingFile> out = new ArrayList<>();
        List<Readability> tried = maps.stream().map(Readability::of).toList();
        for (StackView.VolumeFiles v : view.volumes()) {
            if (v.allocation() == null) {
                continue;
            }
            String volume = v.volume().name();
            for (Ext4Allocation.Ext4File f : v.allocation().files()) {
                if (!f.mapKnown() || complete.contains(volume + "/" + f.name())) {
                    continue;
                }
                long lacking = 0;
                for (Block b : f.data()) {
                    for (Damage d : v.source().damageIn(b.pos(), b.size())) {
                        lacking += d.length();
                    }
                }
                List<Block> here = new ArrayList<>();
                long notImagedHere = 0;
                boolean elsewhereImaged = true;
                for (Block b : f.data()) {
                    for (Placement.ImageSpan s : v.placement().imageSpans(b.pos(), b.size())) {
                        long missing = tried.get(s.imageIndex()).unreadableBytes(s.offsetBytes(), s.lengthBytes());
                        if (s.imageIndex() == disk) {
                            here.add(new Block(s.offsetBytes(), s.lengthBytes()));
                            notImagedHere += missing;
                        } else if (missing > 0) {
                            elsewhereImaged = false;
                        }
                    }
                }
                // lacking == notImagedHere: nothing else is missing (no unknown mapping, no other disk's bytes)
                if (lacking > 0 && elsewhereImaged && lacking == notImagedHere) {
                    out.add(new PendingFile(volume, f.name(), f.sizeBytes(), here));
                }
            }
        }
        return out;
    }

    /** The files told complete so far ("vg/lv/path"). */
    Set<String> told() {
        synchronized (told) {
            return Set.copyOf(told);
        }
    }

    @Override
    public void readDone(ReadEvent event) {
        if (event.copied() <= 0) {
            return;
        }
        // which bytes were read is only a hint of which files to look at; the saved map decides
        Block read = new Block(event.pos(), event.size());
        int last = readSinceSave.size() - 1;
        if (last >= 0 && readSinceSave.get(last).end() >= read.pos() && readSinceSave.get(last).pos() <= read.pos()) {
            Block l = readSinceSave.get(last);
            readSinceSave.set(last, new Block(l.pos(), Math.max(l.end(), read.end()) - l.pos()));
        } else {
            readSinceSave.add(read);
        }
    }

    @Override
    public void mapfileSaved(BlockMap map) {
        Set<PendingFile> touched = new LinkedHashSet<>();
        for (Block r : readSinceSave) {
            Long from = byStart.floorKey(r.pos());
            for (Map.Entry<Long, List<PendingFile>> e : byStart.subMap(from == null ? r.pos() : from, true,
                    r.end(), false).entrySet()) {
                touched.addAll(e.getValue());
            }
        }
        readSinceSave.clear();
        Readability saved = Readability.of(map);
        for (PendingFile f : touched) {
            if (complete(f, saved)) {
                for (Block s : f.spans()) {
                    List<PendingFile> at = byStart.get(s.pos());
                    at.remove(f);
                    if (at.isEmpty()) {
                        byStart.remove(s.pos());
                    }
                }
                told.add(f.id());
                onComplete.accept(f);
            }
        }
    }

    private static boolean complete(PendingFile f, Readability saved) {
        for (Block s : f.spans()) {
            if (!saved.isReadable(s.pos(), s.size())) {
                return false;
            }
        }
        return true;
    }
}
