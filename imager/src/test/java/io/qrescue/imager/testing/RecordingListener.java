package io.qrescue.imager.testing;

import io.qrescue.imager.rescue.PhaseEvent;
import io.qrescue.imager.rescue.ReadEvent;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.StopReason;
import java.util.ArrayList;
import java.util.List;

/** Remembers everything a rescue reports, each read tagged with the message of its phase or pass. */
public final class RecordingListener implements RescueListener {

    /** A read and the phase message it belongs to. */
    public record TaggedRead(String phase, ReadEvent read) {
    }

    public final List<PhaseEvent> phases = new ArrayList<>();
    public final List<TaggedRead> reads = new ArrayList<>();
    public final List<String> stops = new ArrayList<>();
    public RescueResult result;

    @Override
    public void phaseStarted(PhaseEvent event) {
        phases.add(event);
    }

    @Override
    public void readDone(ReadEvent event) {
        reads.add(new TaggedRead(phases.isEmpty() ? "" : phases.get(phases.size() - 1).message(), event));
    }

    @Override
    public void stopped(StopReason reason, String message) {
        stops.add(message);
    }

    @Override
    public void runEnded(RescueResult value) {
        this.result = value;
    }

    /** Reads of the phase or pass whose message starts with {@code prefix}. */
    public List<ReadEvent> readsOf(String prefix) {
        return reads.stream().filter(r -> r.phase().startsWith(prefix)).map(TaggedRead::read).toList();
    }

    public List<String> phaseMessages() {
        return phases.stream().map(PhaseEvent::message).toList();
    }
}
