package io.qrescue.imager.inventory;

/**
 * Whether the kernel reports the device as spinning ({@code /sys/block/DEV/queue/rotational}). USB bridges
 * often report 1 for flash media, so this is a hint, not a fact.
 */
public enum Rotational {
    TRUE,
    FALSE,
    UNKNOWN
}
