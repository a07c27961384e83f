package io.qrescue.imager.device.guard;

import io.qrescue.imager.device.BlockDevice;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a node as the complete input stack the rescue reads through (alignment, test mode, deadline). */
@FunctionalInterface
public interface DeviceOpener {

    BlockDevice open(Path node) throws IOException;
}
