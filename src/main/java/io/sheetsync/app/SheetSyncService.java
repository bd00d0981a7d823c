package io.sheetsync.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sheetsync.api.ApiAuth;
import io.sheetsync.api.ApiErrors;
import io.sheetsync.api.AuditApi;
import io.sheetsync.api.JsonResponses;
import io.sheetsync.api.MetricsApi;
import io.sheetsync.api.SyncApi;
import io.sheetsync.audit.AuditTrail;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.Database;
import io.sheetsync.recovery.DatabaseRecovery;
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
import io.sheetsync.recovery.PartialFailures;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.RecoveryRepository;
import io.sheetsync.recovery.RetryQueue;
import io.sheetsync.recovery.RunGuard;
import io.sheetsync.recovery.SheetCircuitBreaker;
import io.sheetsync.recovery.SheetRetryPolicy;
import io.sheetsync.seller.SellerRepository;
import io.sheetsync.sheet.ConfiguredSheetSource;
import io.sheetsync.sheet.FileSheetSource;
import io.sheetsync.sheet.GoogleSheetSource;
import io.sheetsync.sheet.GoogleSheetsSetup;
import io.sheetsync.sync.SyncCoordinator;
import io.sheetsync.sync.SyncLock;
import io.sheetsync.sync.BatchUpsert;
import io.sheetsync.sync.GapResync;
import io.sheetsync.sync.RunEnd;
import io.sheetsync.sync.RunVerification;
import io.sheetsync.sync.SheetFetch;
import io.sheetsync.sync.SheetParse;
import io.sheetsync.sync.ShrinkGuard;
import io.sheetsync.verify.GapRecords;
import io.sheetsync.verify.IntegrityChecker;
import io.sheetsync.verify.SyncVerifier;
import io.sheetsync.verify.VerificationRepository;
import io.sheetsync.alert.AlertConsole;
import io.sheetsync.alert.AlertMailer;
import io.sheetsync.alert.AlertPolicy;
import io.sheetsync.alert.AlertRepository;
import io.sheetsync.alert.AlertService;
import io.sheetsync.api.AlertApi;
import io.sheetsync.api.DashboardApi;
import io.sheetsync.dashboard.DashboardService;
import io.sheetsync.sync.SyncSchedule;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sheetsync.sheet.SheetSource;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    /** How long stopping waits for a running batch (and anything else in flight) before it forces the stop. */
    static final int SHUTDOWN_TIMEOUT_SECONDS = 30;

    private final ConfigProvider config;
    private final Database database;
    private final Main main;
    private final SyncCoordinator coordinator;
    private final RunGuard guard;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread shutdownHook;

    private final SyncMetricsService metrics;

    private SheetSyncService(ConfigProvider config, Database database, Main main, SyncCoordinator coordinator,
                             RunGuard guard, SyncMetricsService metrics) {
        this.config = config;
        this.database = database;
        this.main = main;
        this.coordinator = coordinator;
        this.guard = guard;
        // SIGTERM: a running sync stops after its current batch and records why; the JVM exits once this service
        // has closed (bounded by the shutdown timeout), whoever closes it: the main thread, or Camel's hang-up hook
        this.shutdownHook = new Thread(this::stopOnSignal, "sheet-sync-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.metrics = metrics;
    }

    /** Opens the database, wires the beans and starts Camel. Returns once the routes run. */
    public static SheetSyncService start(SyncConfig initial, Mode mode, Clock clock) throws Exception {
        ConfigProvider config = new ConfigProvider(initial);
        Database database = Database.open(initial);
        try {
            Main main = new Main();
            SyncLock lock = new SyncLock(database.dataSource());
            RunLogWriter audit = new RunLogWriter(database.dataSource());
            AuditTrail trail = new AuditTrail(database.dataSource());
            RunHistory history = new RunHistory(database.dataSource());
            SyncCoordinator coordinator = new SyncCoordinator(lock, audit, config, clock);
            coordinator.failAbandonedRuns();

            ErrorClassifier classifier = new ErrorClassifier();
            RecoveryRepository recoveryRepository = new RecoveryRepository(database.dataSource());
            RecoveryLog recoveryLog = new RecoveryLog(recoveryRepository, classifier);
            RunGuard guard = new RunGuard(coordinator, audit, trail, recoveryRepository, recoveryLog, classifier,
                    config, clock);

            JsonResponses responses = new JsonResponses();
            ObjectMapper json = JsonResponses.mapper();
            SellerRepository sellers = new SellerRepository(json);
            AlertRepository alerts = new AlertRepository(database.dataSource(), json, clock);
            PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            SyncMetricsService metrics = new SyncMetricsService(new MetricsRepository(database.dataSource()), history,
                    new SyncMeters(meterRegistry, clock), new DegradationDetector(), config, clock);
            metrics.seedLastSuccess();
            metrics.meters().gauge("sheet.sync.running", "1 while this instance runs a sync, else 0",
                    () -> coordinator.current().isPresent() ? 1 : 0);

            // Camel's observability services export this registry at /observe/metrics, with the route metrics.
            main.bind("metricsRegistry", meterRegistry);
            main.bind("syncMetrics", metrics);
            main.bind("dataSource", database.dataSource());
            main.bind("syncCoordinator", coordinator);
            main.bind("apiAuth", new ApiAuth(config));
            main.bind("apiErrors", new ApiErrors(responses));
            main.bind("syncApi", new SyncApi(coordinator, trail, history, guard, responses));
            main.bind("alertApi", new AlertApi(alerts, responses));
            main.bind("dashboardApi", new DashboardApi(new DashboardService(history, alerts, coordinator,
                    () -> new SyncSchedule(main.getCamelContext()).nextFireTime(), clock), responses));
            main.bind("alertRepository", alerts);
            AlertPolicy alertPolicy = new AlertPolicy();
            main.bind("alertService", new AlertService(alertPolicy, alerts, history, config, clock));
            metrics.addDegradationListener((syncId, degradation) -> main.getCamelContext().createProducerTemplate()
                    .sendBody("direct:raise-alert", alertPolicy.degraded(syncId, degradation.ratio(),
                            degradation.factor(), degradation.bottleneck().code(), degradation.message())));
            metrics.meters().gauge("sheet.sync.open.alerts", "Alerts neither acknowledged nor resolved",
                    () -> count(alerts::open));
            metrics.meters().gauge("sheet.sync.current.gaps", "Sellers missing or drifted after the last verified run",
                    () -> count(history::currentGapCount));
            main.bind("alertConsole", new AlertConsole());
            main.bind("alertMailer", new AlertMailer(config, json));
            main.bind("gapRecords", new GapRecords());
            main.bind("metricsApi", new MetricsApi(metrics, responses));
            main.bind("auditApi", new AuditApi(trail, config, responses));
            configureMain(main, initial, mode);

            Supplier<SheetSource> google = memoize(
                    () -> new GoogleSheetSource(main.getCamelContext().createProducerTemplate(), config));
            SourceStatus sourceStatus = new SourceStatus();
            SheetSource source = new MonitoredSheetSource(
                    new ConfiguredSheetSource(config, google, new FileSheetSource(config)), sourceStatus,
                    classifier, clock);
            // Camel's health registry picks up HealthCheck beans: /observe/health, /live and /ready
            main.bind("databaseHealthCheck", new DatabaseHealthCheck(database.dataSource(), Duration.ofSeconds(2),
                    classifier));
            main.bind("sourceHealthCheck", new SheetSourceHealthCheck(sourceStatus));
            main.bind("schedulerHealthCheck", new SchedulerHealthCheck(config, main::getCamelContext));
            // the step beans of routes/sync.camel.yaml, in the route's order
            SyncVerifier verifier = new SyncVerifier(new VerificationRepository(database.dataSource()),
                    new IntegrityChecker(), clock);
            BatchUpsert upsert = new BatchUpsert(sellers, audit, classifier, database.dataSource(), config, clock);
            main.bind("sheetFetch", new SheetFetch(source, clock));
            main.bind("sheetParse", new SheetParse(audit, new ShrinkGuard(history), config, clock));
            main.bind("batchUpsert", upsert);
            main.bind("runVerification", new RunVerification(verifier, clock));
            main.bind("gapResync", new GapResync(upsert, verifier, config, clock));
            main.bind("runEnd", new RunEnd(audit, classifier, json, config, clock));
            main.bind(GoogleSheetsSetup.COMPONENT_NAME, new GoogleSheetsSetup(config).createComponent());
            bindRecovery(main, database, upsert, coordinator, guard, recoveryLog, classifier, config, clock);
            main.start();
            return new SheetSyncService(config, database, main, coordinator, guard, metrics);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    /** The beans of the recovery declared in routes/ (retries, circuit breaker, batch recovery, retry queue, guard). */
    private static void bindRecovery(Main main, Database database, BatchUpsert upsert, SyncCoordinator coordinator,
                                     RunGuard guard, RecoveryLog recoveryLog, ErrorClassifier classifier,
                                     ConfigProvider config, Clock clock) {
        RetryQueue queue = new RetryQueue(database.dataSource());
        main.bind("runGuard", guard);
        main.bind("sheetRetries", new SheetRetryPolicy(classifier, recoveryLog, config, clock));
        main.bind(SheetCircuitBreaker.NAME, SheetCircuitBreaker.create(config.current().recovery(), classifier, clock));
        main.bind("databaseRecovery", new DatabaseRecovery(database.dataSource(), classifier, recoveryLog, queue,
                upsert, config, clock));
        main.bind("partialFailures", new PartialFailures(queue, recoveryLog, coordinator, classifier, config, clock));
    }

    /** A gauge's value read from the database; NaN while the database does not answer. */
    private static double count(SqlSupplier<?> query) {
        try {
            Object value = query.get();
            return value instanceof java.util.Collection<?> rows ? rows.size() : ((Number) value).doubleValue();
        } catch (java.sql.SQLException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A database read for a gauge. */
    @FunctionalInterface
    private interface SqlSupplier<T> {
        T get() throws java.sql.SQLException;
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
        main.configure().setShutdownTimeout(SHUTDOWN_TIMEOUT_SECONDS);
        // camel-mail's credentials sit on the component, so that endpoint URIs carry no secrets.
        main.addInitialProperty("camel.component.smtp.from", config.mail().from());
        main.addInitialProperty("camel.component.smtp.connectionTimeout", "10000");
        if (config.mail().user() != null) {
            main.addInitialProperty("camel.component.smtp.username", config.mail().user());
        }
        if (config.mail().password() != null) {
            main.addInitialProperty("camel.component.smtp.password", config.mail().password());
        }
        main.addInitialProperty("sync.interval.millis", Long.toString(config.intervalMinutes() * 60_000L));
        if (mode == Mode.SERVICE) {
            main.addInitialProperty("camel.main.routesIncludePattern", "classpath:routes/*.camel.yaml");
            main.addInitialProperty("sync.schedule.enabled", Boolean.toString(config.scheduleEnabled()));
            main.addInitialProperty("camel.server.enabled", "true");
            main.addInitialProperty("camel.server.port", Integer.toString(config.httpPort()));
            main.addInitialProperty("camel.server.host", "0.0.0.0");
            main.addInitialProperty("camel.rest.component", "platform-http");
            // The dashboard page is served from classpath META-INF/resources/ on the same port.
            main.addInitialProperty("camel.server.staticEnabled", "true");
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
            main.addInitialProperty("camel.main.routesIncludePattern", "classpath:routes/sync.camel.yaml,"
                    + "classpath:routes/alerts.camel.yaml,classpath:routes/error-handling.camel.yaml,"
                    + "classpath:routes/recovery.camel.yaml");
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
        if (closed.getCount() == 0) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and waits for this close
        }
        try {
            guard.stopForShutdown();
            main.stop(); // waits up to the shutdown timeout for the run to reach its next checkpoint and end
        } finally {
            database.close();
            closed.countDown();
            LOG.info("sheet-sync stopped");
        }
    }

    private void stopOnSignal() {
        LOG.info("sheet-sync stopping (signal): a running sync stops after its current batch");
        guard.stopForShutdown();
        try {
            if (!closed.await(SHUTDOWN_TIMEOUT_SECONDS + 10L, TimeUnit.SECONDS)) {
                LOG.error("sheet-sync did not stop within {} s; exiting anyway (a run still in progress is marked"
                        + " failed at the next start)", SHUTDOWN_TIMEOUT_SECONDS + 10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
