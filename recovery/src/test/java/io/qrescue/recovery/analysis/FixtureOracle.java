package io.qrescue.recovery.analysis;

import io.qrescue.recovery.vm.volume.GptLayout;
import io.qrescue.recovery.vm.volume.VolumeFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the oracle files of a committed fixture say, parsed here without the readers under test: image offsets of the
 * PV and of each linear LV (GPT layout of the generator + mdadm --examine + pvs + lvs --segments), LV sizes (lvs),
 * thin mappings (thin_dump).
 */
public final class FixtureOracle {

    static final long IMAGE_BYTES = 96L << 20;
    static final long EXTENT_BYTES = 4L << 20;

    final String name;
    final String examine;
    /** Image offset of PV byte 0 (partition 3 + md data offset). */
    final long pvImageOffset;
    final long peStartBytes;
    /** LV name (brackets dropped) → size in bytes, from lvs.json. */
    final Map<String, Long> lvSizes = new LinkedHashMap<>();
    /** Linear LV name → its PE ranges on the PV as [firstPe, lastPe] pairs, from lvs-segments.json. */
    final Map<String, List<long[]>> linearPes = new LinkedHashMap<>();
    /** Thin LV name → thin_id. */
    final Map<String, Long> thinIds = new LinkedHashMap<>();
    final long dataBlockBytes;
    final long nrDataBlocks;
    /** thin_dump: device → virtual block → data block. */
    final Map<Long, TreeMap<Long, Long>> mappings = new TreeMap<>();

    public FixtureOracle(String name) {
        this.name = name;
        this.examine = VolumeFixtures.oracle(name, "mdadm-examine-member-a.txt");
        long p3 = new GptLayout(IMAGE_BYTES, 1).partition(3).offsetBytes();
        Matcher dataOffset = Pattern.compile("Data Offset : (\\d+) sectors").matcher(examine);
        pvImageOffset = p3 + (dataOffset.find() ? Long.parseLong(dataOffset.group(1)) * 512 : 0);
        String pvs = VolumeFixtures.oracle(name, "pvs.json");
        peStartBytes = mib(field(pvs, "pe_start"));
        String lvs = VolumeFixtures.oracle(name, "lvs.json");
        Matcher m = Pattern.compile("\"lv_name\":\"\\[?([^\"\\]]+)\\]?\"").matcher(lvs);
        while (m.find()) {
            int objEnd = lvs.indexOf('}', m.end());
            String obj = lvs.substring(m.start(), objEnd);
            lvSizes.put(m.group(1), mib(field(obj, "lv_size")));
        }
        String segs = VolumeFixtures.oracle(name, "lvs-segments.json");
        Matcher s = Pattern.compile("\\{\"lv_name\":\"\\[?([^\"\\]]+)\\]?\"[^}]*\\}").matcher(segs);
        while (s.find()) {
            String obj = s.group();
            String lv = s.group(1);
            if (field(obj, "segtype").equals("linear")) {
                List<long[]> pes = new ArrayList<>();
                Matcher r = Pattern.compile("/dev/md\\d+:(\\d+)-(\\d+)").matcher(field(obj, "seg_pe_ranges"));
                while (r.find()) {
                    pes.add(new long[] {Long.parseLong(r.group(1)), Long.parseLong(r.group(2))});
                }
                linearPes.put(lv, pes);
            }
            if (field(obj, "segtype").equals("thin")) {
                thinIds.put(lv, Long.parseLong(field(obj, "thin_id")));
            }
        }
        String xml = VolumeFixtures.oracle(name, "thin_dump-tp1.xml");
        dataBlockBytes = Long.parseLong(attr(xml, "data_block_size")) * 512;
        nrDataBlocks = Long.parseLong(attr(xml, "nr_data_blocks"));
        mappings.putAll(parseMappings(xml));
    }

    /** thin_dump XML: device → virtual block → data block. */
    static Map<Long, TreeMap<Long, Long>> parseMappings(String xml) {
        Map<Long, TreeMap<Long, Long>> out = new TreeMap<>();
        Matcher dev = Pattern.compile("<device dev_id=\"(\\d+)\"(.*?)</device>", Pattern.DOTALL).matcher(xml);
        while (dev.find()) {
            TreeMap<Long, Long> map = new TreeMap<>();
            String body = dev.group(2);
            Matcher single = Pattern.compile("<single_mapping origin_block=\"(\\d+)\" data_block=\"(\\d+)\"").matcher(body);
            while (single.find()) {
                map.put(Long.parseLong(single.group(1)), Long.parseLong(single.group(2)));
            }
            Matcher range = Pattern.compile("<range_mapping origin_begin=\"(\\d+)\" data_begin=\"(\\d+)\" length=\"(\\d+)\"")
                    .matcher(body);
            while (range.find()) {
                long o = Long.parseLong(range.group(1));
                long d = Long.parseLong(range.group(2));
                for (long i = 0; i < Long.parseLong(range.group(3)); i++) {
                    map.put(o + i, d + i);
                }
            }
            out.put(Long.parseLong(dev.group(1)), map);
        }
        return out;
    }

    /** The thin volumes lvm2 listed (lvs --segments). */
    public java.util.Set<String> thinVolumes() {
        return thinIds.keySet();
    }

    /**
     * Thin volume {@code lv} as lvm2 and thin_dump place it, read from {@code image} (the fixture's pristine image, or
     * a copy whose data LV is untouched): each pool data block thin_dump maps, zeros where it maps none. The truth a
     * reader's volume is compared with, built without the readers under test.
     */
    public byte[] thinVolumeBytes(Path image, String lv) throws IOException {
        long size = lvSizes.get(lv);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(lv + " is too large for a test oracle");
        }
        byte[] out = new byte[(int) size];
        TreeMap<Long, Long> map = mappings.getOrDefault(thinIds.get(lv), new TreeMap<>());
        try (FileChannel ch = FileChannel.open(image)) {
            for (Map.Entry<Long, Long> e : map.entrySet()) {
                long at = e.getKey() * dataBlockBytes;
                if (at >= size) {
                    continue; // not the volume's: thin_dump lists what the pool maps, lvm2 sizes the volume
                }
                int length = (int) Math.min(dataBlockBytes, size - at);
                ByteBuffer dst = ByteBuffer.wrap(out, (int) at, length);
                long from = dataBlockImageOffset(e.getValue());
                while (dst.hasRemaining()) {
                    if (ch.read(dst, from + (dst.position() - at)) < 0) {
                        throw new IOException(image + ": ends before pool data block " + e.getValue());
                    }
                }
            }
        }
        return out;
    }

    /** Image offset of byte {@code lvOffset} of linear LV {@code lv} (its PE ranges in order). */
    long linearImageOffset(String lv, long lvOffset) {
        long at = 0;
        for (long[] r : linearPes.get(lv)) {
            long len = (r[1] - r[0] + 1) * EXTENT_BYTES;
            if (lvOffset < at + len) {
                return pvImageOffset + peStartBytes + r[0] * EXTENT_BYTES + (lvOffset - at);
            }
            at += len;
        }
        throw new IllegalArgumentException(lv + " has no byte " + lvOffset);
    }

    /** Image offset of pool data block {@code d} (tdata is linear in every fixture). */
    long dataBlockImageOffset(long d) {
        return linearImageOffset("tp1_tdata", d * dataBlockBytes);
    }

    long tmetaImageOffset(long tmetaByte) {
        return linearImageOffset("tp1_tmeta", tmetaByte);
    }

    String examineField(String field) {
        Matcher m = Pattern.compile(Pattern.quote(field) + " : (.*)").matcher(examine);
        return m.find() ? m.group(1).trim() : null;
    }

    static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + key);
        }
        return m.group(1).trim();
    }

    private static String attr(String xml, String key) {
        Matcher m = Pattern.compile(key + "=\"(\\d+)\"").matcher(xml);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + key);
        }
        return m.group(1);
    }

    /** lvm's "64.00m" (units of MiB, as the fixtures report them) in bytes. */
    static long mib(String v) {
        if (!v.endsWith("m")) {
            throw new IllegalArgumentException("not in MiB: " + v);
        }
        return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * (1 << 20));
    }
}
