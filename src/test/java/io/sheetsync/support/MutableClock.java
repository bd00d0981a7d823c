package io.sheetsync.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, so time-based rules (watchdogs, time limits, circuit breakers, stage durations) are
 * tested without waiting. It either stands still (from a given instant, or since {@link #pause}) and moves only when
 * {@link #advance}d, or follows real time plus what the test added, so timestamps keep increasing. Resuming goes on
 * from where the paused clock stood: it never steps back.
 */
public final class MutableClock extends Clock {

    private Instant pausedAt; // guarded by this; null while following real time
    private Duration offset = Duration.ZERO; // guarded by this

    /** A clock that follows real time, plus what the test adds. */
    public MutableClock() {
    }

    /** A clock that stands at {@code start} until the test moves it. */
    public MutableClock(Instant start) {
        this.pausedAt = start;
    }

    /** Stops the clock where it stands. */
    public synchronized void pause() {
        if (pausedAt == null) {
            pausedAt = Instant.now().plus(offset);
        }
    }

    /** Lets the clock follow real time again, from where it stood. */
    public synchronized void resume() {
        if (pausedAt != null) {
            offset = Duration.between(Instant.now(), pausedAt);
            pausedAt = null;
        }
    }

    public synchronized void advance(Duration by) {
        if (pausedAt == null) {
            offset = offset.plus(by);
        } else {
            pausedAt = pausedAt.plus(by);
        }
    }

    @Override
    public synchronized Instant instant() {
        return pausedAt == null ? Instant.now().plus(offset) : pausedAt;
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
