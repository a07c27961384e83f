package io.qrescue.recovery.stack.lvm;

import io.qrescue.recovery.source.ExtentMap;
import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;
import java.util.Map;

/**
 * Where an LV's bytes lie on its PVs: for each PV key ("pv0") an {@link ExtentMap} from LV bytes to bytes of that
 * PV (offsets from the PV start, pe_start included); LV bytes on another PV or not PV-backed (thin) are holes.
 */
public record LvMapping(long sizeBytes, Map<String, ExtentMap> byPv, List<Finding> findings) {

    public LvMapping {
        byPv = Map.copyOf(byPv);
        findings = List.copyOf(findings);
    }

    /** The single PV holding all of this LV's mapped bytes, or null when it spans several or none. */
    public String singlePv() {
        return byPv.size() == 1 ? byPv.keySet().iterator().next() : null;
    }
}
