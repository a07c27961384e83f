package io.qrescue.imager.rescue;

import io.qrescue.mapfile.BlockMap;
import java.util.List;

/**
 * What a running rescue reports; the engine itself never prints. Called on the rescuing thread, in order.
 * Every method has an empty default.
 */
public interface RescueListener {

    /** Listens to nothing. */
    RescueListener NONE = new RescueListener() {
    };

    /** A phase or pass starts with its first read. */
    default void phaseStarted(PhaseEvent event) {
    }

    /** A read of the input finished (successful or not). */
    default void readDone(ReadEvent event) {
    }

    /** The counters changed enough for ddrescue to redraw its status screen (at most once a second, and at
     * phase starts and ends). */
    default void statsUpdated(RescueStats stats) {
    }

    /**
     * The mapfile was just saved with {@code map}, and every byte it marks finished is in the output. {@code map} is
     * the run's live map: read it during the call, never keep or change it.
     */
    default void mapfileSaved(BlockMap map) {
    }

    /** The run stops for {@code reason}; {@code message} is the text ddrescue shows and logs as an event. */
    default void stopped(StopReason reason, String message) {
    }

    /** The run is over: the map was saved for the last time. */
    default void runEnded(RescueResult result) {
    }

    /** A listener that forwards every call to each of {@code listeners} in turn. */
    static RescueListener of(RescueListener... listeners) {
        List<RescueListener> all = List.of(listeners);
        return new RescueListener() {
            @Override
            public void phaseStarted(PhaseEvent event) {
                all.forEach(l -> l.phaseStarted(event));
            }

            @Override
            public void readDone(ReadEvent event) {
                all.forEach(l -> l.readDone(event));
            }

            @Override
            public void statsUpdated(RescueStats stats) {
                all.forEach(l -> l.statsUpdated(stats));
            }

            @Override
            public void mapfileSaved(BlockMap map) {
                all.forEach(l -> l.mapfileSaved(map));
            }

            @Override
            public void stopped(StopReason reason, String message) {
                all.forEach(l -> l.stopped(reason, message));
            }

            @Override
            public void runEnded(RescueResult result) {
                all.forEach(l -> l.runEnded(result));
            }
        };
    }
}
