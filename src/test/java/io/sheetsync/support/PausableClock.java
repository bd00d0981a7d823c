package io.sheetsync.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that follows real time until a test pauses it; paused, it moves only when the test advances it, so a test
 * class whose other tests need time to pass can still make one test's durations exact. Resuming goes on from where
 * the paused clock stood: it never steps back.
 */
public final class PausableClock extends Clock {

    private Instant pausedAt; // guarded by this; null while following real time
    private Duration offset = Duration.ZERO; // guarded by this

    public synchronized void pause() {
        if (pausedAt == null) {
            pausedAt = Instant.now().plus(offset);
        }
    }

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
