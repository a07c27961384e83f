/**
 * Drives a VM's serial console as a person would: waits for the login prompt, logs in, finds the shell and
 * runs commands whose end and exit status are told by a per-command marker. Works on a pair of byte streams
 * (what the VM prints, what we type), so it runs the same against qemu and against a scripted fake.
 */
package io.qrescue.recovery.vm.console;
