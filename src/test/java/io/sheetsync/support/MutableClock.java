package io.sheetsync.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, so time-based rules (watchdogs, time limits, circuit breakers) are tested without
 * waiting. Either it stands still at a given instant, or it follows real time (timestamps keep increasing between
 * calls); either way {@link #advance} moves it forward.
 */
public final class MutableClock extends Clock {

    private final Instant fixed;
    private volatile Duration offset = Duration.ZERO;

    /** A clock that follows real time, plus what the test adds. */
    public MutableClock() {
        this.fixed = null;
    }

    /** A clock that stands at {@code start} until the test moves it. */
    public MutableClock(Instant start) {
        this.fixed = start;
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return (fixed == null ? Instant.now() : fixed).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
