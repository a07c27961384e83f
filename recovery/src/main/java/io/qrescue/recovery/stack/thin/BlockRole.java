package io.qrescue.recovery.stack.thin;

/**
 * The role of one live metadata block: its kind, the device (device-tree nodes; tier number for tier space maps;
 * {@link #NO_DEVICE} otherwise) and the key range {@code [keyFrom, keyTo)} it covers as bounded by its parent
 * (unit: {@link BlockKind#keyUnit()}; {@code keyTo} is {@link Long#MAX_VALUE} when nothing bounds it).
 */
public record BlockRole(BlockKind kind, long deviceId, long keyFrom, long keyTo) {

    public static final long NO_DEVICE = -1;

    static BlockRole of(BlockKind kind) {
        return new BlockRole(kind, NO_DEVICE, 0, 0);
    }
}
