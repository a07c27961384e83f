package io.qrescue.recovery.vm.lvmfix;

import io.qrescue.recovery.source.ImageSource;
import io.qrescue.recovery.stack.finding.Finding;
import io.qrescue.recovery.stack.finding.Severity;
import io.qrescue.recovery.stack.lvm.MetadataCopy;
import io.qrescue.recovery.stack.lvm.PvLabel;
import io.qrescue.recovery.stack.lvm.PvReader;
import io.qrescue.recovery.stack.lvm.PvScan;
import java.nio.charset.StandardCharsets;

/**
 * The committed metadata text of the PV at an offset of an image, as {@link PvReader} reads it, only when every
 * checksum on the way holds (label, mda header, text): the rewrite is applied to a real VG, so a guess will not do.
 */
public final class CommittedText {

    private CommittedText() {
    }

    /**
     * The newest committed text with a good checksum of the PV that starts at byte {@code pvOffsetBytes}.
     *
     * @param imageName names the image in messages
     * @throws MetadataFormatException no label, a bad checksum, an impossible location: one line naming the image
     *                                 and the offset
     */
    public static PvMetadata read(ImageSource image, long pvOffsetBytes, String imageName)
            throws MetadataFormatException {
        PvScan scan = PvReader.read(image.slice(pvOffsetBytes, image.size() - pvOffsetBytes));
        PvLabel label = scan.label();
        if (label == null && scan.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
            throw firstError(scan, pvOffsetBytes, imageName); // a label was there but is ignored (checksum...)
        }
        if (label == null) {
            throw new MetadataFormatException(imageName + ": no LVM label in sectors 0-3 of the PV at offset "
                    + pvOffsetBytes);
        }
        if (!label.crcOk()) {
            throw firstError(scan, pvOffsetBytes, imageName);
        }
        if (label.metadataAreas().isEmpty()) {
            throw new MetadataFormatException(imageName + ": the PV at offset " + pvOffsetBytes
                    + " has no metadata area (pvcreate --metadatacopies 0); read the VG from another PV");
        }
        MetadataCopy newest = scan.newestCommitted();
        if (newest == null) {
            throw firstError(scan, pvOffsetBytes, imageName);
        }
        // PvReader keeps one char per byte (offsets stay byte offsets); lvm writes UTF-8.
        String text = new String(newest.text().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new PvMetadata(pvOffsetBytes, label.pvUuid(), pvOffsetBytes + newest.textOffsetBytes(), text);
    }

    private static MetadataFormatException firstError(PvScan scan, long pvOffsetBytes, String imageName) {
        for (Finding f : scan.findings()) {
            if (f.severity() == Severity.ERROR) {
                return new MetadataFormatException(imageName + ": " + f.structure() + " at offset "
                        + (pvOffsetBytes + f.offsetBytes()) + ": " + f.message());
            }
        }
        return new MetadataFormatException(imageName + ": the PV at offset " + pvOffsetBytes
                + " holds no committed metadata text");
    }
}
