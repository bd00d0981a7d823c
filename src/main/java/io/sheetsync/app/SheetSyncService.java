package io.sheetsync.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sheetsync.api.ApiAuth;
import io.sheetsync.api.ApiErrors;
import io.sheetsync.api.AuditApi;
import io.sheetsync.api.JsonResponses;
import io.sheetsync.api.MetricsApi;
import io.sheetsync.api.SyncApi;
import io.sheetsync.audit.AuditRepository;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.Database;
import io.sheetsync.health.DatabaseHealthCheck;
import io.sheetsync.health.MonitoredSheetSource;
import io.sheetsync.health.SchedulerHealthCheck;
import io.sheetsync.health.SheetSourceHealthCheck;
import io.sheetsync.health.SourceStatus;
import io.sheetsync.metrics.DegradationDetector;
import io.sheetsync.metrics.MetricsRepository;
import io.sheetsync.metrics.SyncMeters;
import io.sheetsync.metrics.SyncMetricsService;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.seller.SellerRepository;
import io.sheetsync.sheet.ConfiguredSheetSource;
import io.sheetsync.sheet.FileSheetSource;
import io.sheetsync.sheet.GoogleSheetSource;
import io.sheetsync.sheet.GoogleSheetsSetup;
import io.sheetsync.sync.SyncCoordinator;
import io.sheetsync.sync.SyncLock;
import io.sheetsync.sync.SyncSteps;
import io.sheetsync.verify.GapDetector;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sheetsync.sheet.SheetSource;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Builds the service from a configuration and runs it inside camel-main: the database, the beans the routes call,
 * and the routes of {@code routes/}. {@link Mode#SERVICE} adds the scheduler and the HTTP API; {@link Mode#ONCE}
 * runs only the sync flow, for {@code --once}.
 */
public final class SheetSyncService implements AutoCloseable {

    /** What the process is for. */
    public enum Mode { SERVICE, ONCE }

    private static final Logger LOG = LoggerFactory.getLogger(SheetSyncService.class);

    private final ConfigProvider config;
    private final Database database;
    private final Main main;
    private final SyncCoordinator coordinator;
    private final SyncMetricsService metrics;

    private SheetSyncService(ConfigProvider config, Database database, Main main, SyncCoordinator coordinator,
                             SyncMetricsService metrics) {
        this.config = config;
        this.database = database;
        this.main = main;
        this.coordinator = coordinator;
        this.metrics = metrics;
    }

    /** Opens the database, wires the beans and starts Camel. Returns once the routes run. */
    public static SheetSyncService start(SyncConfig initial, Mode mode, Clock clock) throws Exception {
        ConfigProvider config = new ConfigProvider(initial);
        Database database = Database.open(initial);
        try {
            Main main = new Main();
            SyncLock lock = new SyncLock(database.dataSource());
            AuditRepository audit = new AuditRepository(database.dataSource());
            SyncCoordinator coordinator = new SyncCoordinator(lock, audit, config, clock);
            coordinator.failAbandonedRuns();

            PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            SyncMetricsService metrics = new SyncMetricsService(new MetricsRepository(database.dataSource()), audit,
                    new SyncMeters(meterRegistry, clock), new DegradationDetector(), config, clock);
            metrics.seedLastSuccess();
            metrics.meters().gauge("sheet.sync.running", "1 while this instance runs a sync, else 0",
                    () -> coordinator.current().isPresent() ? 1 : 0);

            JsonResponses responses = new JsonResponses();
            // Camel's observability services export this registry at /observe/metrics, with the route metrics.
            main.bind("metricsRegistry", meterRegistry);
            main.bind("syncMetrics", metrics);
            main.bind("dataSource", database.dataSource());
            main.bind("syncCoordinator", coordinator);
            main.bind("apiAuth", new ApiAuth(config));
            main.bind("apiErrors", new ApiErrors(responses));
            main.bind("syncApi", new SyncApi(coordinator, audit, responses));
            main.bind("metricsApi", new MetricsApi(metrics, responses));
            main.bind("auditApi", new AuditApi(audit, config, responses));
            configureMain(main, initial, mode);

            Supplier<SheetSource> google = memoize(
                    () -> new GoogleSheetSource(main.getCamelContext().createProducerTemplate(), config));
            SourceStatus sourceStatus = new SourceStatus();
            SheetSource source = new MonitoredSheetSource(
                    new ConfiguredSheetSource(config, google, new FileSheetSource(config)), sourceStatus,
                    new ErrorClassifier(), clock);
            // Camel's health registry picks up HealthCheck beans: /observe/health, /live and /ready
            main.bind("databaseHealthCheck", new DatabaseHealthCheck(database.dataSource(), Duration.ofSeconds(2),
                    new ErrorClassifier()));
            main.bind("sourceHealthCheck", new SheetSourceHealthCheck(sourceStatus));
            main.bind("schedulerHealthCheck", new SchedulerHealthCheck(config, main::getCamelContext));
            main.bind("syncSteps", new SyncSteps(source, new SellerRepository(JsonResponses.mapper()), audit,
                    new GapDetector(database.dataSource()), new ErrorClassifier(), database.dataSource(), config,
                    clock));
            main.bind(GoogleSheetsSetup.COMPONENT_NAME, new GoogleSheetsSetup(config).createComponent());
            main.start();
            return new SheetSyncService(config, database, main, coordinator, metrics);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }

    private static void configureMain(Main main, SyncConfig config, Mode mode) {
        main.configure().setName("sheet-sync");
        main.configure().setJmxEnabled(true);
        main.configure().setShutdownTimeout(30);
        main.addInitialProperty("sync.interval.millis", Long.toString(config.intervalMinutes() * 60_000L));
        if (mode == Mode.SERVICE) {
            main.addInitialProperty("camel.main.routesIncludePattern", "classpath:routes/*.camel.yaml");
            main.addInitialProperty("sync.schedule.enabled", Boolean.toString(config.scheduleEnabled()));
            main.addInitialProperty("camel.server.enabled", "true");
            main.addInitialProperty("camel.server.port", Integer.toString(config.httpPort()));
            main.addInitialProperty("camel.server.host", "0.0.0.0");
            main.addInitialProperty("camel.rest.component", "platform-http");
            // Health and metrics (camel-observability-services) on the API's port: no second port is bound.
            main.addInitialProperty("camel.management.port", Integer.toString(config.httpPort()));
            main.addInitialProperty("camel.management.host", "0.0.0.0");
            // The OpenAPI document of the REST DSL (camel-openapi-java); behind a proxy, X-Forwarded-* set its server.
            main.addInitialProperty("camel.rest.apiContextPath", "/api/openapi.json");
            main.addInitialProperty("camel.rest.apiContextRouteId", "api-openapi");
            main.addInitialProperty("camel.rest.apiProperties[api.title]", "sheet-sync REST API");
            main.addInitialProperty("camel.rest.apiProperties[api.version]", "1");
            main.addInitialProperty("camel.rest.apiProperties[api.description]",
                    "Keeps PostgreSQL in step with a Google Sheet of sellers");
            main.addInitialProperty("camel.rest.useXForwardHeaders", "true");
        } else {
            main.addInitialProperty("camel.main.routesIncludePattern", "classpath:routes/sync.camel.yaml");
            main.addInitialProperty("sync.schedule.enabled", "false");
            // --once serves nothing over HTTP: no management server (it would bind the port)
            main.addInitialProperty("camel.management.enabled", "false");
        }
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public SyncCoordinator coordinator() {
        return coordinator;
    }

    /** Run metrics; {@link SyncMetricsService#addDegradationListener} is the hook for degradation alerts. */
    public SyncMetricsService metrics() {
        return metrics;
    }

    public ConfigProvider config() {
        return config;
    }

    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    /** Blocks until the process is asked to stop (SIGTERM / Ctrl-C). */
    public void awaitShutdown() throws InterruptedException {
        main.getShutdownStrategy().await();
    }

    @Override
    public void close() {
        try {
            main.stop();
        } finally {
            database.close();
            LOG.info("sheet-sync stopped");
        }
    }
}
