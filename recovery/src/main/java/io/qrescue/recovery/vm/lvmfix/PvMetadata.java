package io.qrescue.recovery.vm.lvmfix;

/**
 * The committed metadata text of one PV as found in an image.
 *
 * @param pvOffsetBytes   where the PV starts in the image (0 for a partition image of an md 1.0 member)
 * @param pvUuid          the PV's UUID from its pv_header, 32 characters without dashes
 * @param textOffsetBytes where the text starts in the image (if it wraps in the circular buffer, its first part)
 * @param text            the metadata text without its trailing NUL
 */
public record PvMetadata(long pvOffsetBytes, String pvUuid, long textOffsetBytes, String text) {
}
