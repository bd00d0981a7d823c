package io.sheetsync.recovery;

import io.sheetsync.audit.TriggerSource;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.SyncRun;
import io.sheetsync.sync.SyncSteps;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed property 29: a batch that failed on a database connection error is retried once, after a reconnect that is
 * recorded in the run's audit log; the pool hands out working connections afterwards. Against the real database.
 */
class DatabaseReconnectProperties {

    static final Set<String> CONNECTION_STATES = Set.of("08000", "08001", "08003", "08006", "57P01", "57P02", "57P03");

    static TestDatabase database;
    static TestService service;

    @BeforeContainer
    static void start() throws Exception {
        database = TestDatabase.create(DatabaseReconnectProperties.class);
        service = TestService.start(database, Files.createTempDirectory("reconnect-properties"),
                Map.of("SYNC_RETRY_INITIAL_DELAY_MS", "0"));
    }

    @AfterContainer
    static void stop() {
        service.close();
        database.close();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 29: for any database connection error, the system"
            + " attempts to reconnect before failing the sync")
    void a_connection_error_reconnects_and_retries_the_batch_once(@ForAll("sqlErrors") SQLException error)
            throws Exception {
        DatabaseRecovery recovery = service.service().camelContext().getRegistry()
                .lookupByNameAndType("databaseRecovery", DatabaseRecovery.class);
        SyncRun run = service.service().coordinator().begin(TriggerSource.MANUAL);
        try {
            Exchange exchange = failedBatch(run, error, 1);

            boolean retried = recovery.retryBatch(exchange);

            boolean connectionLost = CONNECTION_STATES.contains(error.getSQLState());
            boolean transientError = connectionLost || Set.of("40001", "40P01", "55P03").contains(error.getSQLState());
            assertThat(retried).isEqualTo(transientError);
            List<String> actions = database.query("SELECT action FROM sync_recovery_actions WHERE audit_log_id = '"
                    + run.id() + "' ORDER BY action");
            if (connectionLost) {
                assertThat(actions).containsExactly("batch_retried", "reconnected");
            } else {
                assertThat(actions).doesNotContain("reconnected");
            }
            try (Connection connection = service.service().dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                assertThat(statement.execute("SELECT 1")).isTrue();
            }
            assertThat(recovery.retryBatch(failedBatch(run, error, 2))).as("only one retry per batch").isFalse();
        } finally {
            service.service().coordinator().finish(run);
        }
    }

    @Provide
    Arbitrary<SQLException> sqlErrors() {
        Arbitrary<String> states = Arbitraries.oneOf(Arbitraries.of(CONNECTION_STATES),
                Arbitraries.of("40001", "40P01", "55P03", "23505", "22001", "42P01"));
        return Combinators.combine(Arbitraries.strings().ofMinLength(1).ofMaxLength(40), states)
                .as(SQLException::new);
    }

    private static Exchange failedBatch(SyncRun run, SQLException error, int attempt) {
        Exchange exchange = new DefaultExchange(service.service().camelContext());
        exchange.setProperty(SyncSteps.RUN, run);
        exchange.getIn().setBody(List.of());
        exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, attempt);
        exchange.setException(error);
        return exchange;
    }
}
