package io.qrescue.recovery.imaging;

import io.qrescue.imager.rescue.RescueResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a rescue, fill or generate run so that a Ctrl-C (SIGINT, SIGTERM, SIGHUP) stops it before its next I/O
 * and lets it save the map before the JVM ends as killed by the signal, as ddrescue does.
 */
final class InterruptibleRun {

    private InterruptibleRun() {
    }

    /**
     * @param handleSignals false in tests: run without a shutdown hook
     * @param interrupt     asks the run to stop; called from the shutdown hook's thread
     */
    static RescueResult run(boolean handleSignals, Supplier<RescueResult> run, Runnable interrupt) {
        if (!handleSignals) {
            return run.get();
        }
        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupt.run();
            try {
                saved.await(120, TimeUnit.SECONDS); // the current I/O finishes, then the map is saved
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "qrescue-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.get();
        } finally {
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived: the JVM ends as killed by it once the hook returns
            }
        }
    }
}
