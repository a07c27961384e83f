/**
 * GNU ddrescue 1.27 mapfiles: the block map and its statuses, rescue domains, the reader (C {@code %lli}
 * number syntax, comment and line-length rules, strict and loose modes), the byte-exact writer and
 * crash-safe saving. JDK only; every other module builds on it. Maps of millions of blocks are the everyday
 * case: the map keeps its blocks packed in primitive arrays (about 9 bytes a block), the reader parses
 * ddrescue's own lines straight from its buffer, and the writer formats straight into bytes.
 */
package io.qrescue.mapfile;
