package io.qrescue.recovery.vm.lvmfix;

import java.util.List;

/**
 * The outcome of rewriting a VG's metadata into stock lvm2 form.
 *
 * @param vgName       the volume group's name
 * @param restoreText  a complete file for {@code vgcfgrestore --force -f FILE vgName}
 * @param changes      each change made, in words ("tp1: segment 1 type tier-thin-pool -> thin-pool")
 * @param notConverted what could not be made stock, and why; those LVs are left out of {@code restoreText}
 */
public record StockRewrite(String vgName, String restoreText, List<String> changes, List<String> notConverted) {

    public StockRewrite {
        changes = List.copyOf(changes);
        notConverted = List.copyOf(notConverted);
    }

    /** Whether stock lvm2 would have refused or misread the original (something had to change). */
    public boolean needed() {
        return !changes.isEmpty() || !notConverted.isEmpty();
    }

    /** The rewrite in one line for people, as the VM commands say it before they boot. */
    public String describe() {
        return "VG " + vgName + ": stock lvm would refuse it; restoring a stock form into the VM's overlay ("
                + String.join("; ", changes) + ")" + (notConverted.isEmpty() ? ""
                : "; NOT converted: " + String.join("; ", notConverted));
    }
}
