/**
 * End-to-end harnesses run as whole processes by {@code bench/scripts}: they format what the scripts measured.
 * Not tests; nothing here runs in CI.
 */
package io.qrescue.bench.harness;
