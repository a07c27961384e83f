package io.qrescue.mapfile.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to, for tests of time-driven code without sleeps. */
public final class ManualClock extends Clock {

    private final ZoneId zone;
    private Instant now;

    public ManualClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** A UTC clock showing {@code localTime}. */
    public static ManualClock at(LocalDateTime localTime) {
        return new ManualClock(localTime.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    public void advanceSeconds(long seconds) {
        now = now.plus(Duration.ofSeconds(seconds));
    }

    public long epochSecond() {
        return now.getEpochSecond();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(now, newZone);
    }
}
