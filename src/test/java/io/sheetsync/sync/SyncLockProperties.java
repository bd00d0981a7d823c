package io.sheetsync.sync;

import io.sheetsync.audit.AuditRepository;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.Database;
import io.sheetsync.support.TestDatabase;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed property 39: of any number of sync attempts made at the same moment, by one instance or by two sharing the
 * database, exactly one starts; and a run that lost its lock never takes it back from another instance.
 */
class SyncLockProperties {

    static TestDatabase database;
    static Database first;
    static Database second;
    static SyncCoordinator[] instances;
    static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @BeforeContainer
    static void start() {
        database = TestDatabase.create(SyncLockProperties.class);
        SyncConfig config = SyncConfig.load(Map.of("SYNC_DB_URL", database.url(), "SYNC_DB_USER", database.user()),
                new Properties());
        first = Database.open(config);
        second = Database.open(config);
        instances = new SyncCoordinator[] {coordinator(first, config), coordinator(second, config)};
    }

    @AfterContainer
    static void stop() {
        THREADS.shutdownNow();
        first.close();
        second.close();
        database.close();
    }

    @Property(tries = 100, generation = GenerationMode.RANDOMIZED)
    @Label("Feature: sync-reliability-enhancement, Property 39: for any concurrent sync operation attempt, the system"
            + " prevents the second operation from starting")
    void exactly_one_of_concurrent_attempts_starts(@ForAll @IntRange(min = 2, max = 6) int attempts) throws Exception {
        CyclicBarrier together = new CyclicBarrier(attempts);
        List<Future<SyncRun>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            SyncCoordinator instance = instances[i % 2];
            Callable<SyncRun> attempt = () -> {
                together.await();
                return instance.begin(TriggerSource.MANUAL);
            };
            results.add(THREADS.submit(attempt));
        }
        List<SyncRun> started = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                started.add(results.get(i).get());
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(SyncInProgressException.class);
                refused++;
            }
        }

        assertThat(started).hasSize(1);
        assertThat(refused).isEqualTo(attempts - 1);
        SyncRun winner = started.get(0);
        instances[0].finish(winner);
        instances[1].finish(winner);
        SyncRun next = instances[attempts % 2].begin(TriggerSource.SCHEDULED);
        instances[attempts % 2].finish(next);
    }

    @Property(tries = 100, generation = GenerationMode.RANDOMIZED)
    @Label("Feature: sync-reliability-enhancement, Property 39: a run whose lock session died never takes the lock"
            + " back while another instance holds it")
    void a_lost_lock_is_not_taken_back_from_another_instance(@ForAll boolean anotherInstanceStarted) throws Exception {
        SyncRun run = instances[0].begin(TriggerSource.MANUAL);
        String session = run.onLockSession(connection -> {
            try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                return rows.getString(1);
            }
        });
        database.query("SELECT pg_terminate_backend(" + session + ")::text");
        SyncRun other = null;
        try {
            if (anotherInstanceStarted) {
                other = beginWhenFree(instances[1]);
            }

            assertThat(run.retakeLock()).isEqualTo(!anotherInstanceStarted);
            assertThat(instances[1].current().isPresent()).isEqualTo(anotherInstanceStarted);
        } finally {
            instances[0].finish(run);
            if (other != null) {
                instances[1].finish(other);
            }
        }
    }

    /** PostgreSQL frees the lock of a terminated session a moment after the call returns. */
    private static SyncRun beginWhenFree(SyncCoordinator instance) throws Exception {
        for (int tries = 0; ; tries++) {
            try {
                return instance.begin(TriggerSource.SCHEDULED);
            } catch (SyncInProgressException e) {
                if (tries > 200) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    private static SyncCoordinator coordinator(Database db, SyncConfig config) {
        return new SyncCoordinator(new SyncLock(db.dataSource()), new AuditRepository(db.dataSource()),
                new ConfigProvider(config), Clock.systemUTC());
    }
}
