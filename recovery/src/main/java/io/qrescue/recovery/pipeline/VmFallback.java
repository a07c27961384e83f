package io.qrescue.recovery.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gets the files of volumes the pure-Java readers cannot place (an md array in mid-reshape, ...) by another way: the
 * recovery VM in production, a small fake in tests. It never writes the images it is given.
 */
public interface VmFallback {

    /** What this machine lacks for the fallback to run (naming it and the install line), or empty when it can. */
    Optional<String> missing();

    /**
     * Copies every file system it can reach on {@code request}'s images into {@code outDir}/&lt;vg&gt;/&lt;lv&gt;/
     * (a plain md device without LVM as md/&lt;name&gt;/); {@code outDir} is absent or empty.
     *
     * @throws IOException naming what failed (VM, timeout, output directory), when nothing usable was copied
     */
    Copy copy(Request request, Path outDir) throws IOException, InterruptedException;

    /**
     * What the pipeline asks for.
     *
     * @param images         the rescued images, in source order
     * @param volumes        the volumes the analysis names but cannot place ("vg1/lv1")
     * @param unmappedArrays the md arrays whose layout the Java readers do not map ("md1"): what lies on them is
     *                       not even named yet
     */
    record Request(List<Path> images, List<String> volumes, List<String> unmappedArrays) {
        public Request {
            images = List.copyOf(images);
            volumes = List.copyOf(volumes);
            unmappedArrays = List.copyOf(unmappedArrays);
        }
    }

    /**
     * What the fallback did.
     *
     * @param copied   the volumes whose files are in the output directory ("vg1/lv1")
     * @param problems one line per thing it could not assemble, activate or mount
     * @param how      one line saying how the files were read (for the report)
     */
    record Copy(List<String> copied, List<String> problems, String how) {
        public Copy {
            copied = List.copyOf(copied);
            problems = List.copyOf(problems);
            Objects.requireNonNull(how, "how");
        }
    }

    /** Whether the rescue job may use the fallback. */
    enum Mode {
        /** When some volume needs it and this machine can run it. */
        AUTO,
        /** Never: such volumes are reported as not extracted. */
        NEVER
    }
}
