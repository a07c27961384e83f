package io.qrescue.recovery.vm.lvmfix;

import java.util.List;

/** A value in LVM's text format: a string, an integer, a number with a point, or an array of those. */
sealed interface ConfigValue {

    /** A quoted string (unescaped). */
    record Text(String value) implements ConfigValue {
    }

    /** An integer. */
    record Whole(long value) implements ConfigValue {
    }

    /** A number with a decimal point, kept as written. */
    record Decimal(String literal) implements ConfigValue {
    }

    /** {@code [ a, b ]}; elements may mix strings and numbers. */
    record Array(List<ConfigValue> elements) implements ConfigValue {
        public Array {
            elements = List.copyOf(elements);
        }
    }
}
