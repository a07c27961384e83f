package io.qrescue.recovery.vm.seed;

/** How the images and the output disk reach the VM's kernel, and what the kernel calls them. */
public enum DiskBus {
    /** IDE, as the seed recipe's plain {@code -drive} does: /dev/sda, /dev/sdb... (QNAP kernels have libata). */
    IDE("sd"),
    /** virtio-blk: /dev/vda, /dev/vdb... (needs virtio_blk in the kernel or initrd). */
    VIRTIO("vd");

    private final String prefix;

    DiskBus(String prefix) {
        this.prefix = prefix;
    }

    /** The VM's name of the disk attached at {@code index} (0 = first). */
    public String deviceName(int index) {
        if (index < 0 || index >= 26) {
            throw new IllegalArgumentException("disk index " + index);
        }
        return "/dev/" + prefix + (char) ('a' + index);
    }
}
