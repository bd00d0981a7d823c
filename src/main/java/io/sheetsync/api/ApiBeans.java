package io.sheetsync.api;

import io.sheetsync.alert.AlertRepository;
import io.sheetsync.audit.AuditTrail;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.dashboard.DashboardService;
import io.sheetsync.metrics.SyncMetricsService;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.settings.SyncConfigService;
import io.sheetsync.sync.RunGuard;
import io.sheetsync.sync.SyncCoordinator;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The beans {@code routes/api.camel.yaml} calls: the REST handlers, their auth and their error mapping. */
@Configuration
public final class ApiBeans implements CamelConfiguration {

    /** What the handlers read and change besides the run: history, alerts, dashboard, metrics, settings. */
    public record Sources(AuditTrail trail, RunHistory history, AlertRepository alerts, DashboardService dashboard,
                          SyncMetricsService metrics, SyncConfigService settings) {
    }

    private final JsonResponses responses = new JsonResponses();
    private final ConfigProvider config;
    private final SyncCoordinator coordinator;
    private final RunGuard guard;
    private final Sources sources;
    private final ApiAuth auth;

    public ApiBeans(ConfigProvider config, SyncCoordinator coordinator, RunGuard guard, Sources sources, ApiAuth auth) {
        this.config = config;
        this.coordinator = coordinator;
        this.guard = guard;
        this.sources = sources;
        this.auth = auth;
    }

    @BindToRegistry("apiAuth")
    public ApiAuth apiAuth() {
        return auth;
    }

    @BindToRegistry("apiErrors")
    public ApiErrors apiErrors() {
        return new ApiErrors(responses);
    }

    @BindToRegistry("syncApi")
    public SyncApi syncApi() {
        return new SyncApi(coordinator, sources.trail(), sources.history(), guard, responses);
    }

    @BindToRegistry("planApi")
    public PlanApi planApi() {
        return new PlanApi(new ErrorClassifier(), responses);
    }

    @BindToRegistry("alertApi")
    public AlertApi alertApi() {
        return new AlertApi(sources.alerts(), responses);
    }

    @BindToRegistry("dashboardApi")
    public DashboardApi dashboardApi() {
        return new DashboardApi(sources.dashboard(), responses);
    }

    @BindToRegistry("metricsApi")
    public MetricsApi metricsApi() {
        return new MetricsApi(sources.metrics(), responses);
    }

    @BindToRegistry("housekeepingApi")
    public HousekeepingApi housekeepingApi() {
        return new HousekeepingApi(responses);
    }

    @BindToRegistry("auditApi")
    public AuditApi auditApi() {
        return new AuditApi(sources.trail(), config, responses);
    }

    @BindToRegistry("sessionApi")
    public SessionApi sessionApi() {
        return new SessionApi(responses);
    }

    @BindToRegistry("configApi")
    public ConfigApi configApi() {
        return new ConfigApi(sources.settings(), responses, JsonResponses.mapper());
    }
}
