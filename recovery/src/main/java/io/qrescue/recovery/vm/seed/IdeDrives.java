package io.qrescue.recovery.vm.seed;

import io.qrescue.recovery.vm.qemu.VmDisk;
import java.util.ArrayList;
import java.util.List;

/**
 * qemu arguments that attach disks on the PC's IDE controller, as the seed recipe's plain {@code -drive} does, for
 * kernels without virtio (QNAP's): the first disk becomes /dev/sda. Access rules are those of
 * {@link io.qrescue.recovery.vm.qemu.DiskAccess}: images only behind {@code snapshot=on}.
 */
final class IdeDrives {

    // the PC machine has two IDE buses with two devices each
    static final int MAX_DISKS = 4;

    private IdeDrives() {
    }

    static List<String> arguments(List<VmDisk> disks) {
        if (disks.size() > MAX_DISKS) {
            throw new IllegalArgumentException("IDE takes at most " + MAX_DISKS + " disks (images plus the output "
                    + "disk); use --disk-bus virtio for more");
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < disks.size(); i++) {
            VmDisk d = disks.get(i);
            StringBuilder o = new StringBuilder("file=").append(d.path().toAbsolutePath().toString().replace(",", ",,"))
                    .append(",format=raw,if=ide,index=").append(i).append(",media=disk");
            switch (d.access()) {
                case SNAPSHOT -> o.append(",snapshot=on");
                case READ_ONLY -> o.append(",readonly=on");
                case WRITABLE -> o.append(",cache=writeback,werror=report,rerror=report");
                default -> throw new IllegalStateException("access " + d.access());
            }
            args.add("-drive");
            args.add(o.toString());
        }
        return args;
    }
}
