package io.sheetsync.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sheetsync.alert.AlertBeans;
import io.sheetsync.alert.AlertPolicy;
import io.sheetsync.alert.AlertRepository;
import io.sheetsync.alert.AlertService;
import io.sheetsync.api.ApiAuth;
import io.sheetsync.api.ApiBeans;
import io.sheetsync.api.AuthThrottle;
import io.sheetsync.api.NamedTokens;
import io.sheetsync.api.JsonResponses;
import io.sheetsync.audit.AuditTrail;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.audit.RunLogWriter;
import io.sheetsync.config.ConfigBeans;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.HttpSettings;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.dashboard.DashboardService;
import io.sheetsync.db.Database;
import io.sheetsync.db.DatabaseBeans;
import io.sheetsync.health.HealthBeans;
import io.sheetsync.health.SourceStatus;
import io.sheetsync.housekeeping.HousekeepingBeans;
import io.sheetsync.http.HttpEdge;
import io.sheetsync.metrics.DegradationDetector;
import io.sheetsync.metrics.MetricsBeans;
import io.sheetsync.metrics.MetricsRepository;
import io.sheetsync.metrics.SyncMeters;
import io.sheetsync.metrics.SyncMetricsService;
import io.sheetsync.plan.PlanBeans;
import io.sheetsync.plan.SyncPlanner;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.recovery.RecoveryRepository;
import io.sheetsync.recovery.RetryQueue;
import io.sheetsync.seller.SellerRepository;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.SheetComparison;
import io.sheetsync.settings.ConfigStore;
import io.sheetsync.settings.SettingsBeans;
import io.sheetsync.settings.SyncConfigService;
import io.sheetsync.sheet.SheetBeans;
import io.sheetsync.sheet.SheetSettings;
import io.sheetsync.sync.BatchUpsert;
import io.sheetsync.sync.ColumnGuard;
import io.sheetsync.sync.GapResync;
import io.sheetsync.sync.IntervalFollower;
import io.sheetsync.sync.RunEnd;
import io.sheetsync.sync.RunGuard;
import io.sheetsync.sync.RunRecoveryBeans;
import io.sheetsync.sync.RunVerification;
import io.sheetsync.sync.SheetFetch;
import io.sheetsync.sync.SheetIntakes;
import io.sheetsync.sync.SheetParse;
import io.sheetsync.sync.ShrinkGuard;
import io.sheetsync.sync.SyncBeans;
import io.sheetsync.sync.SyncCoordinator;
import io.sheetsync.sync.SyncLock;
import io.sheetsync.sync.SyncSchedule;
import io.sheetsync.verify.IntegrityChecker;
import io.sheetsync.verify.SyncVerifier;
import io.sheetsync.verify.VerificationRepository;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

import java.time.Clock;

/**
 * Builds the service's objects once camel-main has set up its properties: reads the typed {@link SyncConfig} from
 * them, opens the database, and hands the beans to camel-main as one configuration per package.
 */
final class ServiceWiring extends MainListenerSupport {

    private final Clock clock;
    private final boolean planOnly;
    private ConfigProvider config;
    private Database database;
    private SyncCoordinator coordinator;
    private SyncMetricsService metrics;
    private SyncConfigService settings;
    private HttpSettings http;
    private NamedTokens namedTokens;

    /**
     * @param planOnly the process only plans ({@code --plan}): it writes nothing, not even the start-up clean-up of
     *                 runs a crashed process left in progress
     */
    ServiceWiring(Clock clock, boolean planOnly) {
        this.clock = clock;
        this.planOnly = planOnly;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent properties = context.getPropertiesComponent();
        java.util.function.Function<String, String> startupProperties =
                name -> properties.resolveProperty(name).orElse(null);
        SyncConfig initial = SheetSettings.check(SyncConfig.load(startupProperties));
        config = new ConfigProvider(initial);
        http = HttpSettings.load(startupProperties, initial.tokens());
        namedTokens = NamedTokens.load(http.tokensFile());
        // the HTTP server's address and body limit as validated here; application.properties hands them to camel.server.*
        properties.addOverrideProperty("sheetsync.http.bind-host", http.host());
        properties.addOverrideProperty("sheetsync.http.max-body-bytes", Integer.toString(http.maxBodyBytes()));
        database = Database.open(initial);
        // the values set through the config API win over the start-up ones, from before the routes are built
        settings = new SyncConfigService(config, startupProperties,
                new ConfigStore(database.dataSource(), JsonResponses.mapper()), JsonResponses.mapper(), clock);
        settings.refresh();
        try {
            wire(context, main.configure());
        } catch (java.sql.SQLException e) {
            database.close();
            throw new org.apache.camel.RuntimeCamelException(e);
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    private void wire(CamelContext context, MainConfigurationProperties main) throws java.sql.SQLException {
        RunLogWriter audit = new RunLogWriter(database.dataSource());
        AuditTrail trail = new AuditTrail(database.dataSource());
        RunHistory history = new RunHistory(database.dataSource());
        coordinator = new SyncCoordinator(new SyncLock(database.dataSource()), audit, config, clock);
        if (!planOnly) {
            coordinator.failAbandonedRuns();
        }

        ErrorClassifier classifier = new ErrorClassifier();
        RecoveryRepository recoveryRepository = new RecoveryRepository(database.dataSource());
        RecoveryLog recoveryLog = new RecoveryLog(recoveryRepository, classifier, database.dataSource());
        RunGuard guard = new RunGuard(coordinator, audit, trail, recoveryLog, classifier, config, clock);

        ObjectMapper json = JsonResponses.mapper();
        SellerRepository sellers = new SellerRepository();
        SheetStage sheetStage = new SheetStage(json);
        AlertRepository alerts = new AlertRepository(database.dataSource(), json, clock);
        PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new SyncMetricsService(new MetricsRepository(database.dataSource()), history,
                new SyncMeters(meterRegistry, clock), new DegradationDetector(), config, clock);
        metrics.seedLastSuccess();
        metrics.meters().gauge("sheet.sync.running", "1 while this instance runs a sync, else 0",
                () -> coordinator.current().isPresent() ? 1 : 0);
        metrics.meters().databaseGauge("sheet.sync.open.alerts", "Alerts neither acknowledged nor resolved",
                alerts::open);
        metrics.meters().databaseGauge("sheet.sync.current.gaps",
                "Sellers missing or drifted after the last verified run", history::currentGapCount);
        // From the shared audit log, so every instance reports the same streak (alert on max over instances)
        metrics.meters().databaseGauge("sheet.sync.consecutive.failures", "Failed runs since the last completed one",
                history::consecutiveFailures);

        SheetBeans sheetBeans = new SheetBeans(config);
        SourceStatus sourceStatus = new SourceStatus();
        // the step beans of routes/sync.camel.yaml, in the route's order
        SyncVerifier verifier = new SyncVerifier(new VerificationRepository(database.dataSource()),
                new IntegrityChecker(), clock);
        BatchUpsert upsert = new BatchUpsert(sellers, audit, classifier, database.dataSource(), config, clock);
        ShrinkGuard shrinkGuard = new ShrinkGuard(history);
        ColumnGuard columnGuard = new ColumnGuard(history, sellers, database.dataSource(), alerts::columnConsents,
                recoveryLog, clock);
        SheetComparison comparison = new SheetComparison(json);
        SyncBeans.Steps steps = new SyncBeans.Steps(new SheetFetch(sheetBeans.sheetSource(), clock),
                new SheetParse(audit, shrinkGuard, columnGuard, comparison, sheetStage, database.dataSource(), config,
                        clock),
                upsert,
                new RunVerification(verifier, clock), new GapResync(upsert, verifier, config, clock),
                new RunEnd(audit, classifier, json, config, clock));
        SyncSchedule schedule = new SyncSchedule(context);
        DashboardService dashboard = new DashboardService(history, alerts, coordinator, schedule::nextFireTime, clock);
        config.onConfigChange(new IntervalFollower(schedule, config.current().intervalMillis()));

        main.addConfiguration(new ConfigBeans(config));
        main.addConfiguration(new DatabaseBeans(database));
        main.addConfiguration(sheetBeans);
        main.addConfiguration(new SyncBeans(coordinator, steps,
                new SheetIntakes(database.dataSource(), sheetStage, config, clock), config.batchWriters()));
        main.addConfiguration(new PlanBeans(new SyncPlanner(coordinator, shrinkGuard, columnGuard, comparison,
                sheetStage, config, clock)));
        main.addConfiguration(new RunRecoveryBeans(guard, new RunRecoveryBeans.Recovery(recoveryLog, classifier,
                new RetryQueue(database.dataSource())), database.dataSource(), upsert, config, clock));
        main.addConfiguration(new MetricsBeans(metrics));
        // Camel's Prometheus export (/observe/metrics) looks its registry up before configurations bind their beans
        context.getRegistry().bind("metricsRegistry", meterRegistry);
        main.addConfiguration(new AlertBeans(new AlertService(new AlertPolicy(), alerts, history, config, clock), alerts,
                config, json));
        main.addConfiguration(new HealthBeans(database.dataSource(), sourceStatus, config, classifier, context,
                clock));
        main.addConfiguration(new HousekeepingBeans(HousekeepingBeans.create(database.dataSource(), history, alerts,
                meterRegistry, config, clock)));
        main.addConfiguration(new SettingsBeans(settings));
        main.addConfiguration(new ApiBeans(config, coordinator, guard,
                new ApiBeans.Sources(trail, history, alerts, dashboard, metrics, settings),
                new ApiAuth(config, namedTokens, new AuthThrottle(clock))));
        context.getManagementStrategy().addEventNotifier(new HttpEdge(context, http, config.current().httpPort()));
    }

    /** The settings in force; null before camel-main has configured the service. */
    ConfigProvider config() {
        return config;
    }

    /** How the HTTP server is exposed; null before camel-main has configured the service. */
    HttpSettings http() {
        return http;
    }

    Database database() {
        return database;
    }

    SyncConfigService settings() {
        return settings;
    }

    SyncCoordinator coordinator() {
        return coordinator;
    }

    SyncMetricsService metrics() {
        return metrics;
    }
}
