/**
 * GNU ddrescue 1.27 mapfiles: the block map and its statuses, rescue domains, the reader (C {@code %lli}
 * number syntax, comment and line-length rules, strict and loose modes), the byte-exact writer and
 * crash-safe saving. JDK only; every other module builds on it.
 */
package io.qrescue.mapfile;
