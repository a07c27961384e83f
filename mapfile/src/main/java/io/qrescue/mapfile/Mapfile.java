package io.qrescue.mapfile;

import java.util.Objects;

/**
 * A ddrescue mapfile in memory: the status line ({@code current_pos}, run status, pass), the status message
 * ddrescue writes as a comment ("Copying non-tried blocks... Pass 1 (forwards)", "Finished"), and the blocks.
 */
public final class Mapfile {

    private long currentPos;
    private RunStatus runStatus = RunStatus.COPYING;
    private int currentPass = 1;
    private String message = "";
    private final BlockMap blocks;

    public Mapfile(BlockMap blocks) {
        this.blocks = Objects.requireNonNull(blocks, "blocks");
    }

    public Mapfile(long currentPos, RunStatus runStatus, int currentPass, BlockMap blocks) {
        this(blocks);
        this.currentPos = currentPos;
        this.runStatus = Objects.requireNonNull(runStatus, "runStatus");
        this.currentPass = currentPass;
    }

    public long currentPos() {
        return currentPos;
    }

    public void currentPos(long pos) {
        this.currentPos = pos;
    }

    public RunStatus runStatus() {
        return runStatus;
    }

    /** Sets the run status and the message ddrescue saves with it; "Finished" for {@link RunStatus#FINISHED}. */
    public void runStatus(RunStatus status, String statusMessage) {
        this.runStatus = Objects.requireNonNull(status, "status");
        this.message = status == RunStatus.FINISHED ? "Finished" : Objects.requireNonNullElse(statusMessage, "");
    }

    public int currentPass() {
        return currentPass;
    }

    public void currentPass(int pass) {
        this.currentPass = pass;
    }

    /** The status message comment, or "" for none. */
    public String message() {
        return message;
    }

    public BlockMap blocks() {
        return blocks;
    }

    /** A deep copy. */
    public Mapfile copy() {
        Mapfile copy = new Mapfile(currentPos, runStatus, currentPass, blocks.copy());
        copy.message = message;
        return copy;
    }

    @Override
    public String toString() {
        return String.format("Mapfile[0x%X %c %d, %d blocks]", currentPos, runStatus.symbol(), currentPass,
                blocks.blockCount());
    }
}
