/**
 * DRBD 8.4 internal metadata at the end of a QNAP data array (newer QTS): the data is mapped 1:1 from array
 * byte 0, so the PV starts at array offset 0 and must not reach into this tail.
 */
package io.qrescue.recovery.stack.drbd;
