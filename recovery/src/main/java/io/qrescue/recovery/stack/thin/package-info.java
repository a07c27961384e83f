/**
 * dm-thin pool metadata (the tmeta LV), upstream layout (4 KiB blocks) and QNAP's variant (8 KiB blocks, superblock
 * version 4 with backups, 32/44-byte device records, Qtier pool mapping): superblock, btrees, device details,
 * space maps, the live metadata blocks with their roles, thin volume to pool data extent maps, and what a damaged
 * metadata or data range costs; the salvage ({@link io.qrescue.recovery.stack.thin.ThinSalvage}) that rebuilds a
 * damaged pool's mappings from every surviving node, and its thin_dump XML. Ranges whose mappings are not vouched
 * for are {@link io.qrescue.recovery.stack.thin.MappingDoubt}s, from the walk and the salvage alike. Every corruption becomes a {@link io.qrescue.recovery.stack.thin.ThinFinding},
 * never an exception; walks are bounded by visited sets, depth limits and the metadata size.
 */
package io.qrescue.recovery.stack.thin;
