package io.qrescue.mapfile;

import java.util.Objects;

/** One line of a mapfile: a block and its status (ddrescue: Sblock). */
public record StatusBlock(long pos, long size, BlockStatus status) {

    public StatusBlock {
        Objects.requireNonNull(status, "status");
        size = Block.clampedSize(pos, size); // Block's rules, without building a Block
        pos = Math.max(0, pos);
    }

    public StatusBlock(Block block, BlockStatus status) {
        this(block.pos(), block.size(), status);
    }

    public long end() {
        return pos + size;
    }

    public Block block() {
        return new Block(pos, size);
    }

    public StatusBlock withStatus(BlockStatus newStatus) {
        return new StatusBlock(pos, size, newStatus);
    }

    public StatusBlock withBlock(Block block) {
        return new StatusBlock(block.pos(), block.size(), status);
    }

    public boolean includes(long position) {
        return pos <= position && end() > position;
    }

    @Override
    public String toString() {
        return String.format("0x%08X  0x%08X  %c", pos, size, status.symbol());
    }
}
