package io.sheetsync.support;

import io.sheetsync.sync.RunSummary;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sync held inside the batch that creates a chosen seller (the test holds that row), disturbed there as a failing
 * database would disturb it, then let go on: the database failures of README "Failure modes", mid-run and on cue.
 */
public final class MidBatch {

    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mid-batch-sync");
        thread.setDaemon(true);
        return thread;
    });

    private MidBatch() {
    }

    /** Something done to the database while the run waits inside its batch, before the held row is released. */
    @FunctionalInterface
    public interface Disturbance {
        void apply(TestDatabase database, RowBlocker blocker) throws Exception;
    }

    /** What happens to the service's database sessions while its run waits inside a batch. */
    public enum Fault implements Disturbance {
        /** The batch's statement is cancelled (SQL state 57014): a transient error, every connection survives. */
        CANCELLED_STATEMENT,
        /** The batch's backend is terminated (57P01): its connection is lost, the sync lock's session lives on. */
        TERMINATED_BATCH_SESSION,
        /** Every backend of the service is terminated, as a PostgreSQL restart would: the lock's session dies too. */
        TERMINATED_ALL_SESSIONS;

        /** Whether the fault loses a database connection (rather than one statement). */
        public boolean losesConnection() {
            return this != CANCELLED_STATEMENT;
        }

        @Override
        public void apply(TestDatabase database, RowBlocker blocker) {
            switch (this) {
                case CANCELLED_STATEMENT -> blocker.cancelWaiters();
                case TERMINATED_BATCH_SESSION -> database.query("SELECT pg_terminate_backend(pid)::text FROM"
                        + " pg_stat_activity WHERE datname = current_database() AND application_name = 'sheet-sync'"
                        + " AND wait_event_type = 'Lock'");
                default -> RowBlocker.terminateServiceSessions(database);
            }
        }
    }

    /**
     * Runs one sync of the service's current sheet; when the batch creating {@code newSeller} waits on it, applies
     * the disturbance, then releases the row. Returns the run's summary.
     */
    public static RunSummary sync(TestService service, TestDatabase database, String newSeller,
                                  Disturbance disturbance) throws Exception {
        Future<RunSummary> run;
        try (RowBlocker blocker = RowBlocker.insert(database, newSeller);
             ServiceSessions sessions = ServiceSessions.watch(database)) {
            run = RUNNER.submit(service::syncNow);
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> run.isDone() || sessions.anyWaiting());
            if (run.isDone()) {
                run.get();
                throw new AssertionError("the run ended without ever waiting on " + newSeller);
            }
            disturbance.apply(database, blocker);
            blocker.rollback();
        }
        return run.get(60, TimeUnit.SECONDS);
    }

    /**
     * Checks how many batches a fault made the run write again, from its recovery actions, and returns it: the held
     * batch, and when every session was ended, perhaps the other batches of its group that were still being written
     * then (at most {@code writers} in all; a batch already written is not touched). Each batch whose connection was
     * lost is reconnected once.
     */
    public static int retriedBatches(List<String> actions, Fault fault, int writers) {
        int retried = Collections.frequency(actions, "batch_retried");
        assertThat(retried).as("batches written again after %s: %s", fault, actions)
                .isBetween(1, fault == Fault.TERMINATED_ALL_SESSIONS ? writers : 1);
        assertThat(Collections.frequency(actions, "reconnected")).as("reconnections: %s", actions)
                .isEqualTo(fault.losesConnection() ? retried : 0);
        return retried;
    }
}
