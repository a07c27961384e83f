package io.qrescue.recovery.source;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A volume read through its {@link ExtentMap} from the source below (an LV or a thin pool's tmeta out of a disk
 * image); holes read as zeros.
 */
public final class MappedSource implements ImageSource {

    private final ImageSource lower;
    private final ExtentMap map;

    public MappedSource(ImageSource lower, ExtentMap map) {
        this.lower = lower;
        this.map = map;
    }

    public ExtentMap map() {
        return map;
    }

    @Override
    public long size() {
        return map.logicalSize();
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        int total = 0;
        for (Extent e : map.lookup(offset, dst.remaining())) {
            int len = (int) e.length();
            if (e.isHole()) {
                for (int i = 0; i < len; i++) {
                    dst.put((byte) 0);
                }
            } else {
                ByteBuffer window = dst.slice(dst.position(), len);
                int n = lower.read(e.physicalStart(), window);
                dst.position(dst.position() + n);
                if (n < len) {
                    return total + n;
                }
            }
            total += len;
        }
        return total;
    }
}
