package io.qrescue.recovery.stack.thin;

import io.qrescue.recovery.analysis.PoolAnalysis;
import io.qrescue.recovery.analysis.StackAnalysis;
import io.qrescue.recovery.source.Extent;
import io.qrescue.recovery.source.FileImageSource;
import io.qrescue.recovery.stack.NamedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Test-only: rewrites the thin metadata of a committed fixture image (made by real lvm2, upstream layout) in QNAP's
 * layout (8 KiB blocks, version 4, 44-byte device records, superblock backups) describing the same pool: the same
 * devices, details and mappings, so every thin volume holds the same bytes. The data area is left as it is. A stock
 * kernel cannot open the result; only readers of QNAP's layout can.
 */
public final class QnapLayoutImages {
    private static final int QNAP_BLOCK_BYTES = 8192;

    private QnapLayoutImages() {
    }

    /** Rewrites {@code image}'s one thin pool in place; returns the image offset of its tmeta. */
    public static long convert(Path image) throws IOException {
        PoolSpec spec;
        Extent tmeta;
        try (FileImageSource source = FileImageSource.open(image)) {
            StackAnalysis analysis = StackAnalysis.analyze(List.of(new NamedImage("disk", source)));
            if (analysis.pools().size() != 1) {
                throw new IllegalArgumentException(image + ": expected one thin pool, found " + analysis.pools().size());
            }
            PoolAnalysis pool = analysis.pools().get(0);
            ThinMetadata upstream = pool.metadata();
            if (upstream == null || upstream.blockSizeBytes() != 4096 || !upstream.findings().isEmpty()) {
                throw new IllegalArgumentException(image + ": the pool's metadata is not a clean upstream one");
            }
            var tmetaPlacement = pool.node().tmeta().placements().get(0);
            long tmetaBytes = tmetaPlacement.toImage().logicalSize();
            var pieces = tmetaPlacement.imageSpans(0, tmetaBytes);
            if (pieces.size() != 1 || pieces.get(0).lengthBytes() != tmetaBytes) {
                throw new IllegalArgumentException(image + ": tmeta is not one contiguous run of the image");
            }
            tmeta = new Extent(0, tmetaBytes, pieces.get(0).offsetBytes());
            spec = spec(upstream, tmeta.length() / QNAP_BLOCK_BYTES);
        }
        byte[] metadata = TestMetadataWriter.write(spec);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(tmeta.physicalStart());
            f.write(metadata);
            // blocks past the written image stay as they were: nothing of the new pool points there
        }
        return tmeta.physicalStart();
    }

    private static PoolSpec spec(ThinMetadata upstream, long metadataBlocks) {
        ThinSuperblock sb = upstream.superblock();
        PoolSpec spec = new PoolSpec();
        spec.dataBlockSizeSectors = sb.dataBlockSizeSectors();
        spec.nrDataBlocks = sb.dataSpaceMap().nrBlocks();
        spec.metadataBlocks = metadataBlocks;
        spec.time = sb.time();
        spec.transactionId = sb.transactionId();
        for (DeviceDetails d : upstream.deviceDetails().values()) {
            PoolSpec.Device device = spec.device(d.deviceId());
            device.transactionId = d.transactionId();
            device.creationTime = d.creationTime();
            device.snapshottedTime = d.snapshottedTime();
            upstream.forEachMapping(d.deviceId(), (virtualBlock, dataBlock, time) -> device.map(virtualBlock, dataBlock,
                    time));
        }
        return RandomPools.asQnap(spec, 44);
    }
}
