package io.qrescue.recovery.vm.lvmfix;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.lvm.ConfigEntry;
import io.qrescue.recovery.stack.lvm.ConfigSection;
import io.qrescue.recovery.stack.lvm.ConfigValue;
import io.qrescue.recovery.stack.lvm.MetadataTextParser;
import io.qrescue.recovery.stack.lvm.MetadataTextWriter;
import io.qrescue.recovery.stack.lvm.ParsedText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rewrites a VG's metadata text (QNAP lvm2 2.02 dialect) into what stock lvm2 2.03 accepts:
 * <ul>
 * <li>segment type {@code tier-thin-pool} becomes {@code thin-pool}; its data LV ({@code pool}) is the only tier
 * LV that holds extents ({@code <pool>_tierdata_N}); keys stock lvm does not read are dropped; subsections other
 * than pending {@code messageN} are dropped (stock lvm takes every subsection of a pool segment for a message);
 * a pool whose data spreads over several tiers cannot be converted (stock dm-thin has no tiering);</li>
 * <li>segment type {@code thick} (a preallocated thin volume, same keys) becomes {@code thin};</li>
 * <li>LV status words stock lvm does not know are dropped (an unknown status word makes it refuse the whole VG);
 * {@code ERROR_WHEN_FULL} moves from status to flags on pools and is dropped elsewhere; unknown flags are dropped;</li>
 * <li>LVs with other unknown segment types, and a pool that could not be converted with its thin volumes, are
 * left out, and said so.</li>
 * </ul>
 * The text describes the same extents on the same PV: only the overlay the VM writes it to changes.
 */
public final class StockMetadataRewriter {

    private static final Set<String> STOCK_SEGMENT_TYPES = Set.of("striped", "linear", "mirror", "snapshot", "thin",
            "thin-pool", "cache", "cache-pool", "raid0", "raid0_meta", "raid1", "raid4", "raid5", "raid5_n",
            "raid5_la", "raid5_ra", "raid5_ls", "raid5_rs", "raid6", "raid6_zr", "raid6_nr", "raid6_nc", "raid6_n_6",
            "raid6_ls_6", "raid6_rs_6", "raid6_la_6", "raid6_ra_6", "raid10", "raid10_near", "error", "zero", "vdo",
            "vdo-pool", "writecache", "integrity");
    private static final Set<String> STOCK_LV_STATUS = Set.of("READ", "WRITE", "FIXED_MINOR", "VISIBLE", "PVMOVE",
            "LOCKED", "NOTSYNCED", "REBUILD", "WRITEMOSTLY", "MERGING", "CONVERTING");
    private static final Set<String> STOCK_LV_FLAGS = Set.of("WRITE_LOCKED", "ACTIVATION_SKIP", "ERROR_WHEN_FULL",
            "CACHE_VOL");
    private static final Set<String> STOCK_VG_STATUS = Set.of("RESIZEABLE", "READ", "WRITE", "CLUSTERED", "SHARED",
            "EXPORTED", "PARTIAL");
    private static final Set<String> STOCK_PV_STATUS = Set.of("ALLOCATABLE", "EXPORTED", "MISSING");
    private static final Set<String> THIN_POOL_KEYS = Set.of("start_extent", "extent_count", "type", "metadata",
            "pool", "transaction_id", "chunk_size", "discards", "zero_new_blocks", "crop_metadata");
    private static final Set<String> THIN_KEYS = Set.of("start_extent", "extent_count", "type", "thin_pool",
            "transaction_id", "device_id", "origin", "merge", "external_origin");
    private static final String ERROR_WHEN_FULL = "ERROR_WHEN_FULL";

    private final List<String> changes = new ArrayList<>();
    private final List<String> notConverted = new ArrayList<>();

    private StockMetadataRewriter() {
    }

    /**
     * Rewrites {@code text} (on-disk metadata or a backup file).
     *
     * @param source names where the text came from, for messages and the file's description
     * @throws MetadataFormatException the text does not parse or holds no volume group
     */
    public static StockRewrite rewrite(String source, String text) throws MetadataFormatException {
        return new StockMetadataRewriter().run(source, text);
    }

    /**
     * Rewrites the committed text of the PV at {@code pvOffsetBytes} of {@code image}, read by {@link CommittedText}.
     *
     * @throws MetadataFormatException the PV's metadata cannot be read or parsed, or holds no volume group
     */
    public static StockRewrite rewritePv(ImageSource image, long pvOffsetBytes, String imageName)
            throws MetadataFormatException {
        return rewrite(imageName + " at offset " + pvOffsetBytes, CommittedText.read(image, pvOffsetBytes, imageName)
                .text());
    }

    private StockRewrite run(String source, String text) throws MetadataFormatException {
        ParsedText parsed = MetadataTextParser.parse(text);
        if (!parsed.complete()) {
            throw new MetadataFormatException(parsed.errorLine(source));
        }
        ConfigSection root = parsed.root();
        ConfigSection vg = root.sections().stream()
                .filter(s -> s.section("physical_volumes") != null || s.section("logical_volumes") != null)
                .findFirst()
                .orElseThrow(() -> new MetadataFormatException(source + ": no volume group section in the text"));
        String vgName = vg.name();
        keepKnown(vg, "status", STOCK_VG_STATUS, "VG " + vgName);
        ConfigSection pvs = vg.section("physical_volumes");
        if (pvs != null) {
            for (ConfigSection pv : pvs.sections()) {
                keepKnown(pv, "status", STOCK_PV_STATUS, "PV " + pv.name());
            }
        }
        ConfigSection lvs = Objects.requireNonNullElseGet(vg.section("logical_volumes"),
                () -> new ConfigSection("logical_volumes"));
        Map<String, ConfigSection> byName = new LinkedHashMap<>();
        for (ConfigSection lv : lvs.sections()) {
            byName.put(lv.name(), lv);
        }
        Set<String> dropped = new LinkedHashSet<>();
        Set<String> convertedPools = new LinkedHashSet<>();
        for (Map.Entry<String, ConfigSection> lv : byName.entrySet()) {
            for (ConfigSection seg : segments(lv.getValue())) {
                String where = lv.getKey() + ": " + seg.name();
                String type = Objects.requireNonNullElse(seg.string("type"), "");
                if (type.equals("tier-thin-pool")) {
                    if (convertTierPool(where, lv.getKey(), seg, byName)) {
                        convertedPools.add(lv.getKey());
                    } else {
                        dropped.add(lv.getKey());
                    }
                } else if (type.equals("thick")) {
                    seg.set("type", new ConfigValue.Str("thin"));
                    dropKeysOutside(seg, THIN_KEYS, where);
                    changes.add(where + ": type thick -> thin (a preallocated thin volume; same keys)");
                } else if (type.equals("thin-pool")) {
                    convertedPools.add(lv.getKey());
                } else if (!STOCK_SEGMENT_TYPES.contains(type)) {
                    notConverted.add(lv.getKey() + ": segment type '" + type
                            + "' is unknown to stock lvm2; the LV is left out");
                    dropped.add(lv.getKey());
                }
            }
        }
        // thin volumes of a pool that is left out cannot be activated either
        for (Map.Entry<String, ConfigSection> lv : byName.entrySet()) {
            for (ConfigSection seg : segments(lv.getValue())) {
                String pool = seg.string("thin_pool");
                if (pool != null && dropped.contains(pool) && dropped.add(lv.getKey())) {
                    notConverted.add(lv.getKey() + ": its thin pool " + pool + " is left out, so is it");
                }
            }
        }
        for (Map.Entry<String, ConfigSection> lv : byName.entrySet()) {
            if (!dropped.contains(lv.getKey())) {
                fixLvFlags(lv.getKey(), lv.getValue(), convertedPools.contains(lv.getKey()));
            }
        }
        for (String name : dropped) {
            lvs.remove(name);
        }
        if (!dropped.isEmpty()) {
            exposeOrphans(lvs, byName, dropped);
        }
        completeHeader(root, source, vgName);
        String restore = "# Stock lvm2 form of VG " + vgName + ", written by qrescue from " + source + "\n"
                + "# For vgcfgrestore --force -f FILE " + vgName + " on a throw-away overlay, never on the image.\n"
                + MetadataTextWriter.write(root);
        return new StockRewrite(vgName, restore, changes, notConverted);
    }

    private boolean convertTierPool(String where, String poolName, ConfigSection seg, Map<String, ConfigSection> lvs) {
        String data = lvs.containsKey(seg.string("pool")) ? seg.string("pool") : null;
        if (data == null) {
            List<String> tiers = new ArrayList<>();
            for (Map.Entry<String, ConfigSection> lv : lvs.entrySet()) {
                if (lv.getKey().startsWith(poolName + "_tierdata_") && extentCount(lv.getValue()) > 0) {
                    tiers.add(lv.getKey());
                }
            }
            tiers.sort(null);
            if (tiers.size() != 1) {
                notConverted.add(poolName + ": " + (tiers.isEmpty() ? "no data LV found (no 'pool' key, no "
                        + poolName + "_tierdata_N with extents)"
                        : "its data is spread over " + tiers.size() + " tiers " + tiers
                                + "; stock dm-thin has no tiering")
                        + ", so the pool and its thin volumes are left out");
                return false;
            }
            data = tiers.get(0);
            seg.set("pool", new ConfigValue.Str(data));
            changes.add(where + ": pool data LV set to " + data + " (the only tier holding extents)");
        }
        if (!lvs.containsKey(seg.string("metadata"))) {
            notConverted.add(poolName + ": its metadata LV '" + Objects.requireNonNullElse(seg.string("metadata"), "")
                    + "' is not in the VG, so the pool and its thin volumes are left out");
            return false;
        }
        seg.set("type", new ConfigValue.Str("thin-pool"));
        changes.add(where + ": type tier-thin-pool -> thin-pool");
        dropKeysOutside(seg, THIN_POOL_KEYS, where);
        for (ConfigSection sub : seg.sections()) {
            if (!sub.name().matches("message\\d+")) {
                seg.removeIf(e -> e == sub);
                changes.add(where + ": dropped subsection " + sub.name() + " { } (stock lvm reads it as a message)");
            }
        }
        return true;
    }

    private void dropKeysOutside(ConfigSection seg, Set<String> keep, String where) {
        for (ConfigEntry e : List.copyOf(seg.entries())) {
            if (e instanceof ConfigEntry.Assignment a && !keep.contains(a.name())) {
                seg.removeIf(x -> x == e);
                changes.add(where + ": dropped QNAP-only key " + a.name());
            }
        }
    }

    private void fixLvFlags(String name, ConfigSection lv, boolean isPool) {
        List<String> status = lv.strings("status");
        List<String> flags = lv.strings("flags");
        List<String> newStatus = new ArrayList<>();
        List<String> newFlags = new ArrayList<>();
        for (String s : status) {
            if (STOCK_LV_STATUS.contains(s)) {
                newStatus.add(s);
            } else if (s.equals(ERROR_WHEN_FULL) && isPool) {
                addOnce(newFlags, s);
                changes.add(name + ": " + s + " moved from status to flags");
            } else {
                changes.add(name + ": dropped status " + s + (s.equals(ERROR_WHEN_FULL) ? " (only pools carry it)"
                        : " (unknown to stock lvm2, which would refuse the VG)"));
            }
        }
        for (String f : flags) {
            if (f.equals(ERROR_WHEN_FULL) && !isPool) {
                changes.add(name + ": dropped flag " + f + " (only pools carry it)");
            } else if (STOCK_LV_FLAGS.contains(f)) {
                addOnce(newFlags, f);
            } else {
                changes.add(name + ": dropped flag " + f + " (unknown to stock lvm2)");
            }
        }
        if (!newStatus.equals(status) && lv.value("status") != null) {
            lv.set("status", array(newStatus));
        }
        if (!newFlags.equals(flags) || lv.value("flags") == null && !newFlags.isEmpty()) {
            lv.set("flags", array(newFlags));
        }
    }

    private void keepKnown(ConfigSection section, String key, Set<String> known, String what) {
        List<String> words = section.strings(key);
        List<String> kept = words.stream().filter(known::contains).toList();
        if (kept.size() != words.size()) {
            for (String w : words) {
                if (!known.contains(w)) {
                    changes.add(what + ": dropped " + key + " " + w + " (unknown to stock lvm2)");
                }
            }
            section.set(key, array(kept));
        }
    }

    /** Sub-LVs of a left-out pool become visible, so that stock lvm does not trip over hidden LVs nobody uses. */
    private void exposeOrphans(ConfigSection lvs, Map<String, ConfigSection> byName, Set<String> dropped) {
        Set<String> used = new LinkedHashSet<>();
        for (Map.Entry<String, ConfigSection> lv : byName.entrySet()) {
            if (dropped.contains(lv.getKey())) {
                continue;
            }
            for (ConfigSection seg : segments(lv.getValue())) {
                for (ConfigEntry e : seg.entries()) {
                    if (e instanceof ConfigEntry.Assignment a) {
                        collectNames(a.value(), used);
                    }
                }
            }
        }
        for (ConfigSection lv : lvs.sections()) {
            List<String> status = lv.strings("status");
            if (!status.contains("VISIBLE") && !used.contains(lv.name())) {
                List<String> visible = new ArrayList<>(status);
                visible.add("VISIBLE");
                lv.set("status", array(visible));
                changes.add(lv.name() + ": made visible (its user was left out); readable as a plain LV");
            }
        }
    }

    private static void collectNames(ConfigValue v, Set<String> into) {
        if (v instanceof ConfigValue.Str t) {
            into.add(t.value());
        } else if (v instanceof ConfigValue.Array a) {
            a.elements().forEach(el -> collectNames(el, into));
        }
    }

    private static void completeHeader(ConfigSection root, String source, String vgName) {
        if (root.value("contents") == null) {
            root.set("contents", new ConfigValue.Str("Text Format Volume Group"));
        }
        if (root.value("version") == null) {
            root.set("version", new ConfigValue.Int(1));
        }
        root.set("description", new ConfigValue.Str("qrescue: stock form of " + vgName + " from " + source));
    }

    private static List<ConfigSection> segments(ConfigSection lv) {
        return lv.sections().stream().filter(s -> s.name().matches("segment\\d+")).toList();
    }

    private static long extentCount(ConfigSection lv) {
        long total = 0;
        for (ConfigSection seg : segments(lv)) {
            total += seg.integer("extent_count", 0);
        }
        return total;
    }

    private static void addOnce(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    private static ConfigValue.Array array(List<String> words) {
        return new ConfigValue.Array(words.stream().<ConfigValue>map(ConfigValue.Str::new).toList());
    }
}
