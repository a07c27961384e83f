package io.qrescue.recovery.stack.lvm;

/** One element pair of a segment's {@code stripes} array: PV key ("pv0") and its first physical extent. */
public record Stripe(String pvName, long startExtent) {
}
