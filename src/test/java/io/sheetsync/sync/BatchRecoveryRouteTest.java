package io.sheetsync.sync;

import io.sheetsync.audit.TriggerSource;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.ConnectionLostException;
import io.sheetsync.db.TransientDatabaseException;
import io.sheetsync.recovery.ErrorClassifier;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Body;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Processor;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route {@code upsert-batch} with the routeConfiguration {@code database-recovery} of
 * {@code routes/error-handling.camel.yaml} as the unit, in camel-main with the service's application.properties: what
 * the declaration does with each kind of failed write. The decisions are the real {@link DatabaseRecovery}'s; the
 * write, the reconnect and the set-aside are stand-ins that record what the route asked of them.
 */
@CamelMainTest(
        propertyPlaceholderLocations = "classpath:application.properties",
        properties = {
            "camel.main.routes-include-pattern=classpath:routes/sync.camel.yaml,classpath:routes/error-handling.camel.yaml",
            "camel.main.route-filter-include-pattern=upsert-batch",
            "sync.schedule.enabled=false",
            "camel.server.enabled=false",
            "camel.management.enabled=false"})
class BatchRecoveryRouteTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final ConfigProvider SETTINGS = new ConfigProvider(SyncConfig.load(
            Map.of("SYNC_RETRY_INITIAL_DELAY_MS", "1"), new Properties()));

    @BeanInject
    CamelContext context;

    private final StandIns standIns = new StandIns();

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(standIns);
    }

    @Test
    void a_transient_failure_is_written_once_more_after_the_reconnect_step_and_the_run_goes_on() throws Exception {
        standIns.failures.add(new TransientDatabaseException(new SQLException("deadlock detected", "40P01")));

        Exchange done = write(run(), List.of("AA1", "AA2"));

        assertThat(done.getException()).isNull();
        assertThat(standIns.writes).containsExactly(List.of("AA1", "AA2"), List.of("AA1", "AA2"));
        assertThat(standIns.reconnectSteps).containsExactly(1);
        assertThat(standIns.setAside).isEmpty();
        assertThat(done.getMessage().getBody()).isEqualTo("written AA1,AA2");
    }

    @Test
    void a_batch_that_fails_twice_is_set_aside_and_the_run_goes_on_with_the_next() throws Exception {
        standIns.failures.add(new ConnectionLostException(new SQLException("terminating connection", "57P01")));
        standIns.failures.add(new TransientDatabaseException(new SQLException("deadlock detected", "40P01")));

        Exchange done = write(run(), List.of("AA1"));

        assertThat(done.getException()).as("continued with the next batch (writes %s, reconnect steps %s, set aside %s)",
                standIns.writes, standIns.reconnectSteps, standIns.setAside).isNull();
        assertThat(standIns.writes).hasSize(2);
        assertThat(standIns.reconnectSteps).as("once per failure, the step itself acting on the first only")
                .containsExactly(1, 2);
        assertThat(standIns.setAside).containsExactly("AA1 after deadlock detected");
        assertThat(standIns.followedUp).isEmpty();
    }

    @Test
    void a_write_the_database_refused_fails_at_once_without_a_retry_or_a_set_aside() throws Exception {
        SQLException duplicate = new SQLException("duplicate key", "23505");
        standIns.failures.add(duplicate);

        Exchange done = write(run(), List.of("AA1"));

        assertThat(done.getException()).isSameAs(duplicate);
        assertThat(standIns.writes).hasSize(1);
        assertThat(standIns.reconnectSteps).isEmpty();
        assertThat(standIns.setAside).isEmpty();
    }

    @Test
    void a_run_asked_to_stop_is_not_retried_and_its_batch_not_set_aside() throws Exception {
        SyncRun run = run();
        run.control().requestStop(StopRequest.cancelledBy("operator", CLOCK.instant()));
        standIns.failures.add(new TransientDatabaseException(new SQLException("canceling statement", "57014")));

        Exchange done = write(run, List.of("AA1"));

        assertThat(done.getException()).isInstanceOf(TransientDatabaseException.class);
        assertThat(standIns.writes).hasSize(1);
        assertThat(standIns.setAside).isEmpty();
    }

    @Test
    void a_database_found_unreachable_by_the_reconnect_step_fails_the_run_instead_of_writing_again() throws Exception {
        standIns.reconnectFinds = exchange -> exchange.setProperty(DatabaseRecovery.UNREACHABLE, true);
        standIns.failures.add(new ConnectionLostException(new SQLException("terminating connection", "57P01")));

        Exchange done = write(run(), List.of("AA1"));

        assertThat(done.getException()).isInstanceOf(ConnectionLostException.class);
        assertThat(standIns.writes).hasSize(1);
        assertThat(standIns.setAside).isEmpty();
    }

    private Exchange write(SyncRun run, List<String> batch) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("upsert-batch").whenDone(1).create();
        Exchange answer = context.createProducerTemplate().request("direct:upsert-batch", exchange -> {
            exchange.setProperty(RunExchange.RUN, run);
            exchange.getMessage().setBody(batch);
        });
        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        return answer;
    }

    private static SyncRun run() {
        return new SyncRun(UUID.randomUUID(), TriggerSource.MANUAL, CLOCK.instant(), null,
                new RunControl(CLOCK.instant().plus(Duration.ofMinutes(30))));
    }

    /** The beans {@code upsert-batch} and {@code database-recovery} call, under the names the routes use. */
    public static final class StandIns implements CamelConfiguration {
        final Deque<Exception> failures = new ArrayDeque<>();
        final List<List<String>> writes = new ArrayList<>();
        final List<Integer> reconnectSteps = new ArrayList<>();
        final List<String> setAside = new ArrayList<>();
        final List<String> followedUp = new ArrayList<>();
        Processor reconnectFinds = exchange -> { };

        @BindToRegistry("runGuard")
        public Guard runGuard() {
            return new Guard();
        }

        @BindToRegistry("batchUpsert")
        public Writer batchUpsert() {
            return new Writer(this);
        }

        @BindToRegistry("partialFailures")
        public FollowUp partialFailures() {
            return new FollowUp(followedUp);
        }

        @BindToRegistry("batchReconnect")
        public Processor batchReconnect() {
            return exchange -> {
                reconnectSteps.add(exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class));
                reconnectFinds.process(exchange);
            };
        }

        @BindToRegistry("databaseRecovery")
        public Recovery databaseRecovery() {
            return new Recovery(setAside);
        }
    }

    /** Lets every batch through. */
    public static final class Guard {
        public void checkpoint() {
        }
    }

    /** Records each write; fails with the failures queued, in turn. */
    public static final class Writer {
        private final StandIns standIns;

        Writer(StandIns standIns) {
            this.standIns = standIns;
        }

        public String upsertBatch(@Body List<String> batch) throws Exception {
            standIns.writes.add(List.copyOf(batch));
            if (!standIns.failures.isEmpty()) {
                throw standIns.failures.poll();
            }
            return "written " + String.join(",", batch);
        }
    }

    /** Records what follows a written batch. */
    public static final class FollowUp {
        private final List<String> followedUp;

        FollowUp(List<String> followedUp) {
            this.followedUp = followedUp;
        }

        public void afterBatch(@Body Object outcome) {
            followedUp.add(String.valueOf(outcome));
        }
    }

    /** The real decisions; the set-aside recorded instead of written. */
    public static final class Recovery {
        private final DatabaseRecovery decisions = new DatabaseRecovery(new ErrorClassifier(), null, null, null,
                SETTINGS, CLOCK);
        private final List<String> setAside;

        Recovery(List<String> setAside) {
            this.setAside = setAside;
        }

        public boolean mayRetry(@Header(Exchange.REDELIVERY_COUNTER) Integer attempt,
                                @ExchangeProperty(RunExchange.RUN) SyncRun run,
                                @ExchangeProperty(DatabaseRecovery.UNREACHABLE) Boolean unreachable) {
            return decisions.mayRetry(attempt, run, unreachable);
        }

        public boolean runGoesOn(@ExchangeProperty(RunExchange.RUN) SyncRun run,
                                 @ExchangeProperty(DatabaseRecovery.UNREACHABLE) Boolean unreachable) {
            return decisions.runGoesOn(run, unreachable);
        }

        public void setAside(@Body List<String> batch, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
            setAside.add(String.join(",", batch) + " after " + error.getMessage());
        }
    }
}
