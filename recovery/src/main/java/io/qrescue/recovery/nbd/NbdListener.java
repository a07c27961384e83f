package io.qrescue.recovery.nbd;

import io.qrescue.recovery.source.Damage;

/** What a server tells while it runs; called from its connection threads, so implementations must be thread-safe. */
public interface NbdListener {

    /** A listener that ignores everything. */
    NbdListener NONE = new NbdListener() {
    };

    /** Client number {@code clientId} connected from {@code peer}. */
    default void connected(int clientId, String peer) {
    }

    /** The client entered transmission on the export. */
    default void exporting(int clientId) {
    }

    /** The connection ended: "disconnect" (the client's NBD_CMD_DISC) or why it ended. */
    default void disconnected(int clientId, String reason) {
    }

    /** A read of {@code [offset, offset + length)} was answered EIO because of {@code firstDamage} and maybe more. */
    default void readRefused(int clientId, long offset, long length, Damage firstDamage) {
    }

    /** A write, trim or write-zeroes was answered EPERM: the export is read-only. */
    default void writeRefused(int clientId, long offset, long length) {
    }
}
