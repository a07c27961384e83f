package io.qrescue.recovery.stack.lvm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code name { ... }} section of LVM metadata text (the root has name ""): its assignments in text order
 * (a repeated key keeps the last value, as lvm does) and its sub-sections in text order.
 */
public final class ConfigSection {

    private final String name;
    private final Map<String, ConfigValue> values = new LinkedHashMap<>();
    private final List<ConfigSection> sections = new ArrayList<>();

    ConfigSection(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Every assignment, in text order, unknown keys included. */
    public Map<String, ConfigValue> values() {
        return Collections.unmodifiableMap(values);
    }

    public List<ConfigSection> sections() {
        return Collections.unmodifiableList(sections);
    }

    void put(String key, ConfigValue v) {
        values.put(key, v);
    }

    void add(ConfigSection s) {
        sections.add(s);
    }

    public ConfigValue value(String key) {
        return values.get(key);
    }

    /** The first sub-section called {@code name}, or null. */
    public ConfigSection section(String name) {
        for (ConfigSection s : sections) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The string value of {@code key}, or null when absent or not a string. */
    public String string(String key) {
        return values.get(key) instanceof ConfigValue.Str s ? s.value() : null;
    }

    /** The integer value of {@code key}, or {@code fallback} when absent or not an integer. */
    public long integer(String key, long fallback) {
        return values.get(key) instanceof ConfigValue.Int i ? i.value() : fallback;
    }

    /** The string elements of array {@code key} (others skipped); empty when absent. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        if (values.get(key) instanceof ConfigValue.Array a) {
            for (ConfigValue v : a.elements()) {
                if (v instanceof ConfigValue.Str s) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " " + values + " " + sections.stream().map(ConfigSection::name).toList();
    }
}
