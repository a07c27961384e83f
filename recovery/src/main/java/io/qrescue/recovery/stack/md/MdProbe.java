package io.qrescue.recovery.stack.md;

import io.qrescue.recovery.stack.finding.Finding;
import java.util.List;

/**
 * Every md superblock found on one member candidate (usually none or one) and what was noticed. {@code best} is
 * the superblock to use: checksum good and found where its own super_offset says, the newest if several; null if none.
 */
public record MdProbe(List<MdSuperblock> superblocks, MdSuperblock best, List<Finding> findings) {

    public MdProbe {
        superblocks = List.copyOf(superblocks);
        findings = List.copyOf(findings);
    }
}
