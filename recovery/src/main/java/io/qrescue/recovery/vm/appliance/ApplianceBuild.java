package io.qrescue.recovery.vm.appliance;

/** The outcome of {@link ApplianceBuilder#ensure}: the appliance, whether it was (re)built and what went in. */
public record ApplianceBuild(Appliance appliance, boolean rebuilt, long elapsedMillis, long initramfsBytes,
                             int programCount, int libraryCount, int moduleCount) {
}
