package io.sheetsync.sync;

import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.config.ConfigProvider;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts and ends runs. Starting takes the cluster-wide lock and writes the audit start row before anything else
 * happens, so every run that touches data has an audit id, and a second trigger gets a clear "in progress" answer.
 */
public final class SyncCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCoordinator.class);

    private final SyncLock lock;
    private final RunLogWriter audit;
    private final ConfigProvider config;
    private final Clock clock;
    private final AtomicReference<SyncRun> current = new AtomicReference<>();

    public SyncCoordinator(SyncLock lock, RunLogWriter audit, ConfigProvider config, Clock clock) {
        this.lock = lock;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a run (route {@code sync-start}): takes the lock and writes the audit start row.
     *
     * @param triggeredBy who started it through the API (exchange property {@code callerName}), else null
     * @throws SyncInProgressException when a run is going on here or in another instance
     */
    public SyncRun begin(@Body TriggerSource trigger, @ExchangeProperty("callerName") String triggeredBy)
            throws SyncInProgressException, SQLException {
        SyncLock.Held held = acquire();
        try {
            Instant start = clock.instant();
            UUID id = audit.insertStart(trigger, start, config.current().sourceDescription(), triggeredBy);
            RunControl control = new RunControl(start.plus(Duration.ofMinutes(config.current().runTimeoutMinutes())));
            SyncRun run = new SyncRun(id, trigger, start, held, control);
            current.set(run);
            LOG.info("syncId={} sync started ({}{}, source {})", id, trigger.code(),
                    triggeredBy == null ? "" : " by " + triggeredBy, config.current().sourceDescription());
            return run;
        } catch (SQLException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /**
     * Checks that no sync runs, here or in another instance, without starting one: the lock is taken and given back at
     * once, so a plan never holds it and a run may start right after.
     *
     * @throws SyncInProgressException when a run is going on here or in another instance
     */
    public void ensureIdle() throws SyncInProgressException, SQLException {
        acquire().close();
    }

    /** The lock, when no run goes on here and no other instance holds it. */
    private SyncLock.Held acquire() throws SyncInProgressException, SQLException {
        SyncRun running = current.get();
        if (running != null) {
            throw new SyncInProgressException(running);
        }
        Optional<SyncLock.Held> held = lock.tryAcquire();
        if (held.isEmpty()) {
            throw new SyncInProgressException(current.get());
        }
        return held.get();
    }

    /** The run going on in this process, if any. */
    public Optional<SyncRun> current() {
        return Optional.ofNullable(current.get());
    }

    /** Ends a run's hold on the service: frees the lock so the next trigger can start. */
    public void finish(SyncRun run) {
        try {
            run.releaseLock();
        } finally {
            current.compareAndSet(run, null);
        }
    }

    /**
     * At start-up: runs left in progress by a process that died are marked failed. Done under the lock, so a run
     * alive in another instance is never touched.
     */
    public int failAbandonedRuns() throws SQLException {
        Optional<SyncLock.Held> held = lock.tryAcquire();
        if (held.isEmpty()) {
            return 0;
        }
        try (SyncLock.Held ignored = held.get()) {
            int abandoned = audit.failAbandoned(clock.instant());
            if (abandoned > 0) {
                LOG.warn("marked {} abandoned run(s) as failed: their process stopped before they finished", abandoned);
            }
            return abandoned;
        }
    }
}
