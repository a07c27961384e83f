package io.qrescue.recovery.stack.lvm;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.Comparator;
import java.util.List;

/**
 * Everything read from one PV: its label (null if none was found), the mda headers, every metadata copy (the
 * committed ones first, then older generations, each group by seqno descending), and findings with offsets on the PV.
 */
public record PvScan(PvLabel label, List<MdaHeader> mdaHeaders, List<MetadataCopy> copies, List<Finding> findings) {

    public PvScan {
        mdaHeaders = List.copyOf(mdaHeaders);
        copies = List.copyOf(copies);
        findings = List.copyOf(findings);
    }

    /** The committed copy with a good checksum and the highest seqno, or null. */
    public MetadataCopy newestCommitted() {
        return copies.stream().filter(c -> c.committed() && c.checksumOk())
                .max(Comparator.comparingLong(MetadataCopy::seqno)).orElse(null);
    }
}
