package io.qrescue.recovery.stack.lvm;

/**
 * One metadata text found in a metadata area: the committed one ({@code committed}, from raw_locn[0], its
 * checksum checked) or an older generation still in the circular buffer ({@code checksumOk} then tells nothing
 * and is false). {@code textOffsetBytes} is the offset on the PV where the text starts; {@code seqno} and
 * {@code vgName} are read from the text (-1 / null when it does not parse that far).
 */
public record MetadataCopy(int mdaIndex, boolean committed, long textOffsetBytes, long sizeBytes, boolean checksumOk,
        String vgName, long seqno, String text) {
}
