package io.qrescue.recovery.vm.qemu;

/** How qemu runs the guest. */
public enum Accelerator {
    /** Hardware virtualisation through /dev/kvm. */
    KVM("kvm"),
    /** qemu's own translator: slower, works everywhere. */
    TCG("tcg");

    private final String qemuName;

    Accelerator(String qemuName) {
        this.qemuName = qemuName;
    }

    /** The name qemu's -accel option takes. */
    public String qemuName() {
        return qemuName;
    }
}
