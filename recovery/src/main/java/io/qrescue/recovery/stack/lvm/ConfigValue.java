package io.qrescue.recovery.stack.lvm;

import java.util.List;

/** A value in LVM metadata text: integer, float (kept as written), string, or array of values. */
public sealed interface ConfigValue {

    /** A decimal integer (up to 64 bit, optional sign). */
    record Int(long value) implements ConfigValue {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A number with a '.', kept as its text so nothing is lost. */
    record Float(String text) implements ConfigValue {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A quoted string with escapes resolved. */
    record Str(String value) implements ConfigValue {
        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    /** {@code [ v, v, ... ]}; elements may mix strings and integers. */
    record Array(List<ConfigValue> elements) implements ConfigValue {
        public Array {
            elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return elements.toString();
        }
    }
}
