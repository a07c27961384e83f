/**
 * Inventory: which block devices this machine has, what they are (model, serial, size, sector sizes,
 * rotational) and where they are mounted. The only production package that imports OSHI. Everything here
 * is fail-soft: a value the system does not tell gives an empty field or UNKNOWN, never an exception.
 * Nothing here reads or writes a disk's data; the rescue data path must not depend on this package.
 */
package io.qrescue.imager.inventory;
