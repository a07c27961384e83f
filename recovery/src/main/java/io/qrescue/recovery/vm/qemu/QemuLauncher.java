package io.qrescue.recovery.vm.qemu;

import io.qrescue.recovery.vm.VmException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds qemu-system-x86_64 and starts VMs; checks kernel, initramfs and disks first so errors name the file. */
public final class QemuLauncher {
    /** The program name looked up on PATH. */
    public static final String QEMU = "qemu-system-x86_64";

    private final Path qemu;

    /** A launcher for an explicit qemu binary. */
    public QemuLauncher(Path qemu) {
        this.qemu = qemu;
    }

    /** A launcher for the qemu found on {@code pathVariable} (the value of PATH). */
    public static QemuLauncher fromPath(String pathVariable) throws VmException {
        return new QemuLauncher(locate(pathVariable).orElseThrow(() -> new VmException(QEMU
                + " not found on PATH; install it: apt-get install qemu-system-x86")));
    }

    /** A launcher for the qemu on this process's PATH. */
    public static QemuLauncher fromEnvironment() throws VmException {
        return fromPath(System.getenv().getOrDefault("PATH", ""));
    }

    /** The first executable qemu-system-x86_64 in the directories of {@code pathVariable}. */
    public static Optional<Path> locate(String pathVariable) {
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, QEMU);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The qemu binary this launcher runs. */
    public Path qemu() {
        return qemu;
    }

    /**
     * Starts the VM with its console on pipes; qemu's stderr goes to {@code stderrLog}, snapshot overlays to
     * {@code tmpDir}.
     */
    public RunningVm start(VmSpec spec, Path stderrLog, Path tmpDir) throws VmException {
        return start(spec, stderrLog, tmpDir, false);
    }

    /** Starts the VM; with {@code onTerminal} the console is this process's terminal (Ctrl-A X quits qemu). */
    public RunningVm start(VmSpec spec, Path stderrLog, Path tmpDir, boolean onTerminal) throws VmException {
        check(spec);
        List<String> args = QemuCommandLine.build(qemu.toString(), spec, !onTerminal);
        ProcessBuilder builder = new ProcessBuilder(args);
        // qemu keeps snapshot=on overlays under $TMPDIR (default /var/tmp)
        builder.environment().put("TMPDIR", tmpDir.toString());
        if (onTerminal) {
            builder.inheritIO();
        }
        if (stderrLog != null) {
            builder.redirectError(stderrLog.toFile());
        }
        try {
            return new RunningVm(builder.start(), args, stderrLog);
        } catch (IOException e) {
            throw new VmException(qemu + ": cannot start (" + e.getMessage() + ")", e);
        }
    }

    private static void check(VmSpec spec) throws VmException {
        requireReadable(spec.kernel(), "kernel");
        if (spec.initramfs() != null) {
            requireReadable(spec.initramfs(), "initramfs");
        }
        for (VmDisk disk : spec.disks()) {
            if (!disk.isFile()) {
                if (!Files.exists(disk.path())) {
                    throw new VmException(disk.path() + ": disk " + disk.serial() + ": no NBD server listens there");
                }
                continue;
            }
            requireReadable(disk.path(), "disk " + disk.serial());
            if (disk.access() == DiskAccess.WRITABLE && !Files.isWritable(disk.path())) {
                throw new VmException(disk.path() + ": disk " + disk.serial() + " is not writable");
            }
        }
    }

    private static void requireReadable(Path path, String what) throws VmException {
        if (!Files.isRegularFile(path)) {
            throw new VmException(path + ": no such " + what + " (not a regular file)");
        }
        if (!Files.isReadable(path)) {
            throw new VmException(path + ": " + what + " is not readable");
        }
    }
}
