package io.qrescue.imager.device;

import java.io.IOException;
import java.util.Objects;

/**
 * A device that changes how reads are made but is otherwise the device below it: size, sector size, direct
 * I/O, reopening and closing are passed through. Subclasses implement {@link #read}.
 */
public abstract class ForwardingDevice implements BlockDevice {

    /** The device reads go to. */
    protected final BlockDevice base;

    protected ForwardingDevice(BlockDevice base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public long size() {
        return base.size();
    }

    @Override
    public int sectorSize() {
        return base.sectorSize();
    }

    @Override
    public boolean directIo() {
        return base.directIo();
    }

    @Override
    public boolean reopen() {
        return base.reopen();
    }

    @Override
    public void close() throws IOException {
        base.close();
    }
}
