package io.sheetsync.health;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The outcome of the latest fetch of the sheet, for the source health check. */
public final class SourceStatus {

    /**
     * What is known about the source.
     *
     * @param lastSuccess when a fetch last succeeded (null: never since start-up)
     * @param lastFailure when a fetch last failed (null: never since start-up)
     * @param failure     why the last fetch failed, already safe to show; null when the last fetch succeeded
     * @param rows        rows the last successful fetch read
     */
    public record Snapshot(Instant lastSuccess, Instant lastFailure, String failure, int rows) {

        /** True when the latest fetch failed. */
        public boolean failing() {
            return failure != null;
        }

        public boolean fetched() {
            return lastSuccess != null || lastFailure != null;
        }
    }

    private final AtomicReference<Snapshot> state = new AtomicReference<>(new Snapshot(null, null, null, 0));

    public void succeeded(Instant at, int rows) {
        state.updateAndGet(known -> new Snapshot(at, known.lastFailure(), null, rows));
    }

    public void failed(Instant at, String safeMessage) {
        state.updateAndGet(known -> new Snapshot(known.lastSuccess(), at, safeMessage == null ? "" : safeMessage,
                known.rows()));
    }

    public Snapshot snapshot() {
        return state.get();
    }
}
