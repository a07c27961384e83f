package io.qrescue.recovery.stack.thin;

import java.io.IOException;

/**
 * A pool's mappings as thin-provisioning-tools' {@code thin_dump} XML (the form {@code thin_restore} reads): one
 * superblock element, a device element per thin device with its details, and its mappings as single and range
 * mappings (a range: consecutive virtual and data blocks with the same time). A salvaged pool's doubts go into XML
 * comments inside their device, so the standard tools read the dump unchanged and people see what is unverified.
 */
public final class ThinDumpWriter {

    private final Appendable out;
    private long runVirtual = -1;
    private long runData;
    private long runLength;
    private long runTime;

    private ThinDumpWriter(Appendable out) {
        this.out = out;
    }

    /** The normal reader's view of an intact pool ({@code md} must have a superblock). */
    public static void write(ThinMetadata md, Appendable out) throws IOException {
        ThinSuperblock sb = md.superblock();
        ThinDumpWriter w = new ThinDumpWriter(out);
        w.superblock(sb.time(), sb.transactionId(), sb.flags() & ThinSuperblock.FLAG_NEEDS_CHECK,
                sb.dataBlockSizeSectors(), sb.dataSpaceMap().nrBlocks());
        for (DeviceDetails d : md.deviceDetails().values()) {
            if (!md.deviceRoots().containsKey(d.deviceId())) {
                continue;
            }
            w.device(d, md.runs(d.deviceId()).mappedBlocks());
            try {
                md.forEachMapping(d.deviceId(), (v, data, time) -> w.mapping(v, data, time));
            } catch (java.io.UncheckedIOException failed) {
                throw failed.getCause();
            }
            w.endDevice();
        }
        out.append("</superblock>\n");
    }

    /** A salvaged pool: every device it rebuilt, with its doubts as comments. */
    public static void write(SalvagedPool pool, Appendable out) throws IOException {
        ThinDumpWriter w = new ThinDumpWriter(out);
        out.append("<!-- qrescue thin dump, repaired: superblock: ").append(comment(pool.superblockSource()))
                .append(" -->\n");
        for (String note : pool.notes()) {
            out.append("<!-- qrescue: ").append(comment(note)).append(" -->\n");
        }
        w.superblock(pool.time(), pool.transactionId(), 0, pool.dataBlockSizeSectors(), pool.nrDataBlocks());
        for (SalvagedDevice d : pool.devices().values()) {
            w.device(d.details(), d.mappingCount());
            out.append("    <!-- qrescue: ").append(comment(d.summary())).append(" -->\n");
            for (MappingDoubt doubt : d.doubts()) {
                out.append("    <!-- qrescue: virtual blocks ").append(String.valueOf(doubt.keyFrom())).append("..")
                        .append(doubt.keyTo() == Long.MAX_VALUE ? "end" : String.valueOf(doubt.keyTo() - 1))
                        .append(' ').append(doubt.kind().label()).append(": ").append(comment(doubt.cause()))
                        .append(" -->\n");
            }
            for (int i = 0; i < d.mappingCount(); i++) {
                w.mapping(d.virtualBlock(i), d.dataBlock(i), d.time(i));
            }
            w.endDevice();
        }
        out.append("</superblock>\n");
    }

    private void superblock(long time, long transaction, long flags, long dataBlockSize, long nrDataBlocks)
            throws IOException {
        out.append("<superblock uuid=\"\" time=\"").append(String.valueOf(time)).append("\" transaction=\"")
                .append(String.valueOf(transaction)).append("\" flags=\"").append(String.valueOf(flags))
                .append("\" version=\"2\" data_block_size=\"").append(String.valueOf(dataBlockSize))
                .append("\" nr_data_blocks=\"").append(String.valueOf(nrDataBlocks)).append("\">\n");
    }

    private void device(DeviceDetails d, long mappedBlocks) throws IOException {
        out.append("  <device dev_id=\"").append(String.valueOf(d.deviceId())).append("\" mapped_blocks=\"")
                .append(String.valueOf(mappedBlocks)).append("\" transaction=\"")
                .append(String.valueOf(d.transactionId())).append("\" creation_time=\"")
                .append(String.valueOf(d.creationTime())).append("\" snap_time=\"")
                .append(String.valueOf(d.snapshottedTime())).append("\">\n");
    }

    private void mapping(long virtual, long data, long time) {
        try {
            if (runVirtual >= 0 && virtual == runVirtual + runLength && data == runData + runLength && time == runTime) {
                runLength++;
                return;
            }
            flush();
            runVirtual = virtual;
            runData = data;
            runLength = 1;
            runTime = time;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void flush() throws IOException {
        if (runVirtual < 0) {
            return;
        }
        if (runLength == 1) {
            out.append("    <single_mapping origin_block=\"").append(String.valueOf(runVirtual))
                    .append("\" data_block=\"").append(String.valueOf(runData)).append("\" time=\"")
                    .append(String.valueOf(runTime)).append("\"/>\n");
        } else {
            out.append("    <range_mapping origin_begin=\"").append(String.valueOf(runVirtual))
                    .append("\" data_begin=\"").append(String.valueOf(runData)).append("\" length=\"")
                    .append(String.valueOf(runLength)).append("\" time=\"").append(String.valueOf(runTime))
                    .append("\"/>\n");
        }
        runVirtual = -1;
    }

    private void endDevice() throws IOException {
        flush();
        out.append("  </device>\n");
    }

    /** Text safe inside an XML comment (no "--", no control characters). */
    private static String comment(String s) {
        return s.replaceAll("[\\p{Cntrl}]", " ").replace("--", "- -");
    }
}
