/**
 * What ddrescuelog computes from mapfiles: status summaries, block-number lists and bitmaps in both
 * directions, and the finished-block logic operations. Pure functions over {@code BlockMap} and
 * {@code Domain}; the {@code qrescue log} command reads the files and prints.
 */
package io.qrescue.mapfile.log;
