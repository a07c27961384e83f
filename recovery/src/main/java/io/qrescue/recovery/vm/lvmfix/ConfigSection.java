package io.qrescue.recovery.vm.lvmfix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A section of LVM's text format ({@code name { ... }}): assignments and subsections in their written order.
 * Mutable, because the rewrite edits the tree in place.
 */
final class ConfigSection {

    /** One line of a section: an assignment or a subsection. */
    sealed interface Entry {
        String key();
    }

    /** {@code key = value}. */
    record Assignment(String key, ConfigValue value) implements Entry {
    }

    /** {@code key { ... }}. */
    record Subsection(String key, ConfigSection section) implements Entry {
    }

    private final List<Entry> entries = new ArrayList<>();

    List<Entry> entries() {
        return entries;
    }

    void add(Entry e) {
        entries.add(e);
    }

    Optional<ConfigValue> value(String key) {
        for (Entry e : entries) {
            if (e instanceof Assignment a && a.key().equals(key)) {
                return Optional.of(a.value());
            }
        }
        return Optional.empty();
    }

    Optional<String> text(String key) {
        return value(key).filter(ConfigValue.Text.class::isInstance).map(v -> ((ConfigValue.Text) v).value());
    }

    Optional<ConfigSection> section(String key) {
        for (Entry e : entries) {
            if (e instanceof Subsection s && s.key().equals(key)) {
                return Optional.of(s.section());
            }
        }
        return Optional.empty();
    }

    List<Subsection> subsections() {
        List<Subsection> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e instanceof Subsection s) {
                out.add(s);
            }
        }
        return out;
    }

    /** Sets {@code key} in place if present, else appends it. */
    void set(String key, ConfigValue value) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Assignment a && a.key().equals(key)) {
                entries.set(i, new Assignment(key, value));
                return;
            }
        }
        entries.add(new Assignment(key, value));
    }

    boolean remove(String key) {
        return entries.removeIf(e -> e.key().equals(key));
    }

    /** The strings of an array value (numbers skipped), or an empty list. */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        value(key).ifPresent(v -> {
            if (v instanceof ConfigValue.Array a) {
                for (ConfigValue el : a.elements()) {
                    if (el instanceof ConfigValue.Text t) {
                        out.add(t.value());
                    }
                }
            }
        });
        return out;
    }
}
