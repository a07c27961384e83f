package io.qrescue.recovery.imaging;

import io.qrescue.mapfile.BlockMap;
import io.qrescue.mapfile.Domain;
import java.util.Optional;

/**
 * A request after ddrescue's checks of its options and the reading of its domain and test-mode mapfiles: either
 * refused (with the exit code), or ready to run over {@code domain}.
 *
 * @param refusedWith 0 when ready, else the exit code of the refusal (its message is already shown)
 * @param domain      the rescue domain from {@code -i}, {@code -s} and {@code -m}, not yet cropped to the input
 * @param domainMap   the {@code -m} mapfile's blocks, compacted
 * @param testDomain  in rescue and command mode with {@code -H}: the readable areas of the test mode
 */
public record ImagingPlan(int refusedWith, Domain domain, Optional<BlockMap> domainMap, Optional<Domain> testDomain) {

    static ImagingPlan refused(int exitCode) {
        return new ImagingPlan(exitCode, null, Optional.empty(), Optional.empty());
    }

    public boolean refused() {
        return refusedWith != 0 || domain == null;
    }
}
