package io.qrescue.recovery.stack.lvm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A {@code name { ... }} section of LVM metadata text (the root has name ""): its assignments and sub-sections
 * interleaved in text order, so that writing it back keeps lvm's layout. A repeated key reads as its last value,
 * as lvm does. Readers only look; the stock rewrite edits the tree in place.
 */
public final class ConfigSection implements ConfigEntry {

    private final String name;
    private final List<ConfigEntry> entries = new ArrayList<>();

    public ConfigSection(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** Assignments and sub-sections in text order (read-only view). */
    public List<ConfigEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Every assignment, in text order of first appearance, unknown keys included. */
    public Map<String, ConfigValue> values() {
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        for (ConfigEntry e : entries) {
            if (e instanceof Assignment a) {
                out.put(a.name(), a.value());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The sub-sections in text order. */
    public List<ConfigSection> sections() {
        List<ConfigSection> out = new ArrayList<>();
        for (ConfigEntry e : entries) {
            if (e instanceof ConfigSection s) {
                out.add(s);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The value of {@code key} (its last assignment), or null. */
    public ConfigValue value(String key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) instanceof Assignment a && a.name().equals(key)) {
                return a.value();
            }
        }
        return null;
    }

    /** The first sub-section called {@code name}, or null. */
    public ConfigSection section(String name) {
        for (ConfigEntry e : entries) {
            if (e instanceof ConfigSection s && s.name.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The string value of {@code key}, or null when absent or not a string. */
    public String string(String key) {
        return value(key) instanceof ConfigValue.Str s ? s.value() : null;
    }

    /** The integer value of {@code key}, or {@code fallback} when absent or not an integer. */
    public long integer(String key, long fallback) {
        return value(key) instanceof ConfigValue.Int i ? i.value() : fallback;
    }

    /** The string elements of array {@code key} (others skipped); empty when absent. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        if (value(key) instanceof ConfigValue.Array a) {
            for (ConfigValue v : a.elements()) {
                if (v instanceof ConfigValue.Str s) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    /** Appends an assignment or a sub-section. */
    public void add(ConfigEntry e) {
        entries.add(e);
    }

    /** Sets {@code key} where it is (its last assignment), else appends it. */
    public void set(String key, ConfigValue v) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) instanceof Assignment a && a.name().equals(key)) {
                entries.set(i, new Assignment(key, v));
                return;
            }
        }
        entries.add(new Assignment(key, v));
    }

    /** Removes every assignment and sub-section called {@code name}; whether there was one. */
    public boolean remove(String name) {
        return entries.removeIf(e -> e.name().equals(name));
    }

    /** Removes the entries {@code filter} accepts; whether there was one. */
    public boolean removeIf(Predicate<ConfigEntry> filter) {
        return entries.removeIf(filter);
    }

    @Override
    public String toString() {
        return name + " " + values() + " " + sections().stream().map(ConfigSection::name).toList();
    }
}
