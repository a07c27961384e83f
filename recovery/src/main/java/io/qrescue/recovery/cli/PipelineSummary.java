package io.qrescue.recovery.cli;

import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.HumanNumbers;
import io.qrescue.recovery.analysis.DamagedRegion;
import io.qrescue.recovery.analysis.Impact;
import io.qrescue.recovery.pipeline.PipelineOptions;
import io.qrescue.recovery.pipeline.PipelineResult;
import io.qrescue.recovery.pipeline.Workdir;
import java.util.List;
import java.util.Map;

/** The end of {@code qrescue rescue}: the stack, what the unreadable regions cost, and each volume's outcome. */
final class PipelineSummary {

    private PipelineSummary() {
    }

    static String render(PipelineResult r, PipelineOptions options) {
        StringBuilder b = new StringBuilder();
        // after --until (or before a round ran) most of the disk is not imaged yet: one line, not a region each
        List<DamagedRegion> unread = r.damage().regions().stream().filter(d -> d.status() == BlockStatus.NON_TRIED)
                .toList();
        List<DamagedRegion> tried = r.damage().regions().stream().filter(d -> d.status() != BlockStatus.NON_TRIED)
                .toList();
        b.append(AnalysisText.render(r.analysis(), r.damage(), Map.of(), false));
        if (r.upToDate()) {
            b.append("\nNothing new since the last run: volumes, files and report are as they were.\n");
        } else {
            b.append("\nVolumes:\n");
            for (PipelineResult.VolumeOutcome v : r.volumes()) {
                b.append("  ").append(v.name()).append(": ");
                if (v.viaVm()) {
                    b.append(v.fileCount()).append(" files copied through the recovery VM -> ")
                            .append(new Workdir(options.workdir()).filesDir(v.name()))
                            .append(" (no per-file damage list: see the report)\n");
                    continue;
                }
                if (v.imageFile() == null) {
                    b.append(v.problem()).append('\n');
                    continue;
                }
                b.append(HumanNumbers.formatNum(v.sizeBytes(), true)).append("B -> ").append(v.imageFile());
                if (v.damagedBytes() > 0) {
                    b.append(", ").append(HumanNumbers.formatNum(v.damagedBytes(), true)).append("B damaged");
                }
                if (v.doubt() != null) {
                    b.append(" (").append(v.doubt()).append(')');
                }
                if (v.fileCount() >= 0) {
                    b.append(", ").append(v.fileCount()).append(" files copied, ").append(v.damagedFiles())
                            .append(" damaged");
                } else if (v.problem() != null) {
                    b.append(" (").append(v.problem()).append(')');
                }
                b.append('\n');
            }
        }
        if (!unread.isEmpty()) {
            long bytes = unread.stream().mapToLong(DamagedRegion::lengthBytes).sum();
            long holding = unread.stream().filter(DamagedRegion::costsSomething).count();
            b.append("\nNot imaged yet: ").append(unread.size()).append(" regions, ")
                    .append(HumanNumbers.formatNum(bytes, true)).append("B, ").append(holding)
                    .append(" of them hold volume data or metadata (run again with a later --until, or without it,"
                            + " to image them; `qrescue analyze --map` lists them)\n");
        }
        long costly = tried.stream().filter(DamagedRegion::costsSomething).count();
        b.append("\nUnreadable regions: ").append(tried.size()).append(", ").append(costly)
                .append(" of them cost data or metadata");
        b.append(costly > 0 ? " (worth more retries: rerun with --retries=N or --metadata-retries=N)\n" : "\n");
        for (DamagedRegion d : tried) {
            for (Impact i : d.impacts()) {
                if (i.lost()) {
                    b.append("  at byte ").append(i.offsetBytes()).append(", ").append(i.lengthBytes())
                            .append(" bytes: ").append(i.structure()).append(": ").append(i.cost()).append('\n');
                }
            }
        }
        Workdir w = new Workdir(options.workdir());
        b.append("\nReport: ").append(w.reportHtml()).append(" (and ").append(w.reportJson().getFileName())
                .append(")\n");
        return b.toString();
    }
}
