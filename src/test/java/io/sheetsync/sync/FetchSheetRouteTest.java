package io.sheetsync.sync;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.health.SourceHealth;
import io.sheetsync.health.SourceStatus;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.RecoveryRepository;
import io.sheetsync.recovery.SheetRedelivery;
import io.sheetsync.sheet.FileSheetSource;
import io.sheetsync.sheet.GoogleSheetReader;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetRefusedException;
import io.sheetsync.sheet.SheetRow;
import io.sheetsync.sheet.SheetSourceChoice;
import io.sheetsync.sheet.SheetTransientException;
import io.sheetsync.support.SheetsBreaker;
import io.sheetsync.support.TestService;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes {@code fetch-sheet} and {@code read-sheet} of {@code routes/sync.camel.yaml} with routeConfiguration
 * {@code sheet-recovery} of {@code routes/error-handling.camel.yaml}, in camel-main with the service's
 * application.properties: the Google Sheets read is replaced by a mock that plays scripted outcomes, so the
 * redeliveries and the circuit breaker declared in the routes are what is under test.
 */
@CamelMainTest(
        propertyPlaceholderLocations = "classpath:application.properties",
        properties = {
            "camel.main.routes-include-pattern=classpath:routes/sync.camel.yaml,classpath:routes/error-handling.camel.yaml",
            "camel.main.route-filter-include-pattern=fetch-sheet,read-sheet",
            "sync.schedule.enabled=false",
            "camel.server.enabled=false",
            "camel.management.enabled=false"},
        mockEndpointsAndSkip = "direct:read-google-sheet")
class FetchSheetRouteTest {

    static final SheetData SHEET = new SheetData(List.of("seller_number"), List.of(new SheetRow(2, List.of("AA1"))));

    @BeanInject
    CamelContext context;

    @EndpointInject("mock:direct:read-google-sheet")
    MockEndpoint google;

    /** What each read of the Google Sheet does, in order: a SheetData to answer or an exception to throw. */
    final Deque<Object> script = new ArrayDeque<>();
    final ConfigProvider config = new ConfigProvider(SyncConfig.load(Map.of(
            "SYNC_SHEETS_SPREADSHEET_ID", "book",
            "SYNC_SHEETS_ACCESS_TOKEN", "unused",
            "SYNC_RETRY_MAX", "3",
            "SYNC_RETRY_INITIAL_DELAY_MS", "5",
            "SYNC_RETRY_MAX_DELAY_MS", "20"), new Properties()));

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new FetchBeans(config));
    }

    @BeforeEach
    void scriptTheReads() {
        google.whenAnyExchangeReceived(exchange -> {
            Object outcome = script.isEmpty() ? SHEET : script.poll();
            if (outcome instanceof RuntimeException failure) {
                throw failure;
            }
            exchange.getIn().setBody(outcome);
        });
    }

    @Test
    void transient_failures_are_redelivered_until_the_read_succeeds() {
        script.add(unavailable());
        script.add(unavailable());
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("fetch-sheet").whenCompleted(1).create();

        Exchange fetched = fetch(run());

        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fetched.getException()).isNull();
        assertThat(fetched.getMessage().getBody()).isEqualTo(SHEET);
        assertThat(google.getReceivedCounter()).isEqualTo(3);
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void redelivery_stops_at_the_retry_limit_and_four_failed_reads_open_the_circuit() {
        for (int i = 0; i < 4; i++) {
            script.add(unavailable());
        }

        Exchange failed = fetch(run());

        assertThat(failed.getException()).isInstanceOf(SheetTransientException.class);
        assertThat(google.getReceivedCounter()).isEqualTo(4);
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        Exchange refused = fetch(run());

        assertThat(refused.getException()).isInstanceOf(CallNotPermittedException.class);
        assertThat(google.getReceivedCounter()).as("no read while the circuit is open").isEqualTo(4);
    }

    @Test
    void a_retry_limit_changed_at_runtime_applies_to_the_next_fetch() {
        config.replace(SyncConfig.load(Map.of("SYNC_SHEETS_SPREADSHEET_ID", "book", "SYNC_SHEETS_ACCESS_TOKEN", "unused", "SYNC_RETRY_MAX", "1",
                "SYNC_RETRY_INITIAL_DELAY_MS", "5", "SYNC_RETRY_MAX_DELAY_MS", "20"), new Properties()));
        script.add(unavailable());
        script.add(unavailable());

        Exchange failed = fetch(run());

        assertThat(failed.getException()).isInstanceOf(SheetTransientException.class);
        assertThat(google.getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void a_refused_read_fails_the_fetch_at_once_and_never_counts_against_the_circuit() {
        for (int i = 0; i < 5; i++) {
            SheetRefusedException notFound = new SheetRefusedException("spreadsheet book not found", 404, null);
            script.add(notFound);

            Exchange failed = fetch(run());

            assertThat(failed.getException()).as("the breaker ignores it, the fetch still fails with it")
                    .isSameAs(notFound);
        }
        assertThat(google.getReceivedCounter()).as("never retried").isEqualTo(5);
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfBufferedCalls()).as("ignored, not recorded").isZero();
    }

    private Exchange fetch(SyncRun run) {
        return context.createProducerTemplate().send("direct:fetch-sheet", exchange -> {
            exchange.setProperty(RunExchange.RUN, run);
            exchange.getIn().setBody(run);
        });
    }

    private CircuitBreaker breaker() {
        return SheetsBreaker.of(context);
    }

    private static SheetTransientException unavailable() {
        return new SheetTransientException("Sheets API answered 503: unavailable", 503, null, null);
    }

    private static SyncRun run() {
        Instant now = Instant.now();
        return new SyncRun(UUID.randomUUID(), TriggerSource.MANUAL, now, null,
                new RunControl(now.plus(30, ChronoUnit.MINUTES)));
    }

    /** The beans the two routes and their route configuration call, under the names they use. */
    public static final class FetchBeans implements CamelConfiguration {
        private final ConfigProvider config;
        private final SheetRetryPolicy retries;
        private final SheetSourceChoice source;

        FetchBeans(ConfigProvider config) {
            this.config = config;
            ErrorClassifier classifier = new ErrorClassifier();
            // a retry_succeeded action has no audit row to go to here: RecoveryLog logs that and goes on
            PGSimpleDataSource nowhere = new PGSimpleDataSource();
            nowhere.setServerNames(new String[] {"127.0.0.1"});
            nowhere.setPortNumbers(new int[] {TestService.freePort()});
            this.retries = new SheetRetryPolicy(classifier,
                    new RecoveryLog(new RecoveryRepository(nowhere), classifier, nowhere), config, Clock.systemUTC());
            this.source = new SheetSourceChoice(config, new GoogleSheetReader(config), new FileSheetSource(config));
        }

        @Override
        public void configure(CamelContext camelContext) {
            camelContext.getRegistry().bindAsPrototype(SheetRedelivery.NAME, RedeliveryPolicy.class,
                    () -> SheetRedelivery.policy(config.current().recovery()));
        }

        @BindToRegistry("syncConfig")
        public ConfigProvider syncConfig() {
            return config;
        }

        @BindToRegistry("sheetSource")
        public SheetSourceChoice sheetSource() {
            return source;
        }

        @BindToRegistry("sheetFetch")
        public SheetFetch sheetFetch() {
            return new SheetFetch(source, Clock.systemUTC());
        }

        @BindToRegistry("sourceHealth")
        public SourceHealth sourceHealth() {
            return new SourceHealth(new SourceStatus(), new ErrorClassifier(), Clock.systemUTC());
        }

        @BindToRegistry("sheetRetries")
        public SheetRetryPolicy sheetRetries() {
            return retries;
        }

        @BindToRegistry("sheetRetrying")
        public Processor sheetRetrying() {
            return retries::retrying;
        }
    }
}
