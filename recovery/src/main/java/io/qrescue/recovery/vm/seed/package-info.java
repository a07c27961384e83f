/**
 * The seed recipe, automated: over a logged-in {@link io.qrescue.recovery.vm.console.ShellSession} on a QNAP (or
 * QNAP-like) kernel, find the md arrays, assemble them read-only (degraded allowed), list and activate the VG's
 * volumes (restoring a host-made stock metadata file into the overlay when the VM's lvm refuses the VG), mount
 * read-only, and tar the files onto the output disk. Each step is a {@link io.qrescue.recovery.vm.seed.SeedStep}
 * that says what ran, how it ended and why it failed.
 */
package io.qrescue.recovery.vm.seed;
