/**
 * What a stack reader noticed about the bytes it read: a {@link io.qrescue.recovery.stack.finding.Finding}
 * names the structure, the byte offset and what is wrong (bad checksum, impossible count, truncated area).
 * Readers return findings as values; they never throw on corrupt input.
 */
package io.qrescue.recovery.stack.finding;
