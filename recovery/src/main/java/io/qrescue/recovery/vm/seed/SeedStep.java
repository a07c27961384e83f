package io.qrescue.recovery.vm.seed;

/**
 * One step of the recovery plan and how it went.
 *
 * @param kind          what the step does: examine, assemble, metadata, vgs, lvs, activate, mount, copy, stop
 * @param name          what it acts on (/dev/md1, vg1/lv1, ...), or "-"
 * @param command       the command line typed on the VM's shell, or "" when none ran
 * @param outcome       how it ended
 * @param exitStatus    the command's exit status, -1 when it did not end or none ran
 * @param message       why it failed, or what it found, in one line
 * @param output        the command's output (kernel messages cut out)
 * @param elapsedMillis how long it took
 */
public record SeedStep(String kind, String name, String command, Outcome outcome, int exitStatus, String message,
                       String output, long elapsedMillis) {

    /** How a step ended. */
    public enum Outcome {
        OK, FAILED, TIMED_OUT, SKIPPED
    }

    /** Whether the step did what it should. */
    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** The step as one line for people. */
    public String describe() {
        return kind + " " + name + ": " + outcome.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT)
                + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
