package io.qrescue.recovery.stack.lvm;

import java.util.List;

/**
 * The 512-byte header of a metadata area at {@code offsetBytes} of the PV. {@code startBytes}/{@code sizeBytes}
 * are as stored (start should equal offsetBytes); raw_locn[0] is the committed metadata.
 */
public record MdaHeader(long offsetBytes, boolean checksumOk, boolean magicOk, long version, long startBytes,
        long sizeBytes, List<RawLocation> rawLocations) {

    public MdaHeader {
        rawLocations = List.copyOf(rawLocations);
    }
}
