/**
 * A read-only NBD server (fixed newstyle handshake, simple replies) that exports one volume over a Unix
 * socket or a loopback TCP port, so that qemu, nbdcopy or a kernel client read the volume itself; reads that
 * touch damaged bytes fail with EIO instead of returning zeros.
 */
package io.qrescue.recovery.nbd;
