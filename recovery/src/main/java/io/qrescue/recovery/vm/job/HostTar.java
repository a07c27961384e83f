package io.qrescue.recovery.vm.job;

import io.qrescue.recovery.vm.HostCommand;
import io.qrescue.recovery.vm.VmException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Unpacks a tar the appliance wrote raw onto a disk (a tar stream followed by zeros) with the host's GNU tar. */
public final class HostTar {

    private HostTar() {
    }

    /**
     * Extracts {@code diskImage} into {@code dir} (which must exist); file owners are not kept. A failure names the
     * disk and carries tar's first error line, e.g. "No space left on device".
     */
    public static void extract(Path diskImage, Path dir, Duration timeout) throws VmException {
        HostCommand.Result r = HostCommand.run(List.of("tar", "-xf", diskImage.toString(), "-C", dir.toString(),
                "--no-same-owner", "--no-same-permissions", "--delay-directory-restore"), timeout);
        if (!r.ok()) {
            String first = r.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + r.exitCode());
            throw new VmException("cannot unpack " + diskImage + " into " + dir + ": " + first);
        }
    }
}
