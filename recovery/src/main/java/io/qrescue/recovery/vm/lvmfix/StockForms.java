package io.qrescue.recovery.vm.lvmfix;

import io.qrescue.recovery.source.FileImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The stock lvm2 forms of the VGs on a set of images that stock lvm would refuse or misread (QNAP's
 * {@code tier-thin-pool}, {@code thick}, QNAP-only keys), found by reading every PV the images hold.
 *
 * @param byVg     one rewrite per VG that needs one, first PV found wins
 * @param problems what could not be read, one sentence each (an image without any LVM label, bad text)
 */
public record StockForms(Map<String, StockRewrite> byVg, List<String> problems) {

    public StockForms {
        byVg = Map.copyOf(byVg);
        problems = List.copyOf(problems);
    }

    /** Reads the images (never writes them). */
    public static StockForms of(List<Path> images) throws IOException {
        Map<String, StockRewrite> byVg = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path image : images) {
            try (FileImageSource source = FileImageSource.open(image)) {
                List<Long> pvs = PvLocator.pvOffsets(source);
                if (pvs.isEmpty()) {
                    problems.add(image.getFileName() + ": no LVM label found (partition, md 1.x data offset)");
                }
                for (long offset : pvs) {
                    try {
                        StockRewrite r = StockMetadataRewriter.rewritePv(source, offset, image.toString());
                        if (r.needed()) {
                            byVg.putIfAbsent(r.vgName(), r);
                        }
                    } catch (MetadataFormatException e) {
                        problems.add(e.getMessage());
                    }
                }
            }
        }
        return new StockForms(byVg, problems);
    }

    /**
     * The metadata texts the VM restores, by VG: {@code given} (the user's) plus the stock form of every other VG
     * that needs one, each told to {@code notes} in one line.
     */
    public Map<String, String> restoreTexts(Map<String, String> given, Consumer<String> notes) {
        Map<String, String> texts = new TreeMap<>(given);
        for (StockRewrite r : byVg.values()) {
            if (!texts.containsKey(r.vgName())) {
                texts.put(r.vgName(), r.restoreText());
                notes.accept(r.describe());
            }
        }
        return texts;
    }
}
