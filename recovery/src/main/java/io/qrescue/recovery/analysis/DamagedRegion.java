package io.qrescue.recovery.analysis;

import io.qrescue.mapfile.BlockStatus;
import java.util.List;

/** A non-finished region of image {@code imageIndex} (its mapfile status and range) and everything it touches. */
public record DamagedRegion(int imageIndex, String imageName, long offsetBytes, long lengthBytes, BlockStatus status,
        List<Impact> impacts) {

    public DamagedRegion {
        impacts = List.copyOf(impacts);
    }

    /** True when some impact loses data or metadata without a surviving copy. */
    public boolean costsSomething() {
        return impacts.stream().anyMatch(Impact::lost);
    }
}
