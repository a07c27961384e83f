package io.qrescue.recovery.stack.lvm;

/** One entry of a {@link ConfigSection} in text order: an assignment or a sub-section. */
public sealed interface ConfigEntry permits ConfigEntry.Assignment, ConfigSection {

    /** The key of an assignment, the name of a section. */
    String name();

    /** {@code name = value}. */
    record Assignment(String name, ConfigValue value) implements ConfigEntry {
    }
}
