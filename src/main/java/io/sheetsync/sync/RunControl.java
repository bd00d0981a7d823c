package io.sheetsync.sync;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The recovery state of one run: its deadline, a stop request if any, the retries its fetch needed, the database
 * statement it is executing right now (so the time limit can cancel it), and whether its end reached the audit log.
 */
public final class RunControl {

    private final Instant deadline;
    private final AtomicReference<StopRequest> stop = new AtomicReference<>();
    private final AtomicInteger fetchRetries = new AtomicInteger();
    private final Set<Connection> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean recorded;
    private volatile Throwable explanation;
    private final AtomicReference<RuntimeException> refusedFetch = new AtomicReference<>();

    public RunControl(Instant deadline) {
        this.deadline = deadline;
    }

    public Instant deadline() {
        return deadline;
    }

    /** Asks the run to stop; the first request wins. Returns true when this request is the one that counts. */
    public boolean requestStop(StopRequest request) {
        return stop.compareAndSet(null, request);
    }

    /** Whether the run may go on working at {@code now}: no stop asked and its time limit not reached. */
    public boolean goesOn(Instant now) {
        return stopRequest().isEmpty() && now.isBefore(deadline);
    }

    public Optional<StopRequest> stopRequest() {
        return Optional.ofNullable(stop.get());
    }

    public int fetchRetries() {
        return fetchRetries.get();
    }

    void fetchRetried() {
        fetchRetries.incrementAndGet();
    }

    void fetchRetriesReported() {
        fetchRetries.set(0);
    }

    /**
     * Keeps a read of the sheet the source refused (404, bad range, unreadable file) for after the circuit breaker,
     * which swallows the failures it is told to ignore; null forgets it (a new attempt begins).
     */
    void fetchRefused(RuntimeException refusal) {
        refusedFetch.set(refusal);
    }

    /** The refused read of the last attempt, taken (asked once). */
    Optional<RuntimeException> takeFetchRefusal() {
        return Optional.ofNullable(refusedFetch.getAndSet(null));
    }

    /** Registers a connection the run is working on (batches are written on several) until the handle closes. */
    public InFlight track(Connection connection) {
        inFlight.add(connection);
        return () -> inFlight.remove(connection);
    }

    /**
     * Cancels the statements the run is executing, if any (PostgreSQL's cancel request; the sessions stay); true when
     * at least one was asked to stop.
     */
    boolean cancelInFlight() {
        boolean cancelled = false;
        for (Connection connection : inFlight) {
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
                cancelled = true;
            } catch (SQLException e) {
                // that connection is closing: nothing runs on it any more
            }
        }
        return cancelled;
    }

    /**
     * What a run that fails really failed of, when recovery knows better than the exception it ends with (e.g. "the
     * database is unreachable" rather than the connection error that started it).
     */
    public void explainFailure(Throwable why) {
        explanation = why;
    }

    public Optional<Throwable> failureExplanation() {
        return Optional.ofNullable(explanation);
    }

    /** The run's end (status, counts, reason) is in the audit log. */
    public void recorded() {
        recorded = true;
    }

    public boolean isRecorded() {
        return recorded;
    }

    /** A tracked connection; closing it ends the tracking. */
    @FunctionalInterface
    public interface InFlight extends AutoCloseable {
        @Override
        void close();
    }
}
