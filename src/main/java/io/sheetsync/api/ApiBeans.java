package io.sheetsync.api;

import io.sheetsync.alert.AlertRepository;
import io.sheetsync.audit.AuditTrail;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.dashboard.DashboardService;
import io.sheetsync.metrics.SyncMetricsService;
import io.sheetsync.sync.RunGuard;
import io.sheetsync.sync.SyncCoordinator;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The beans {@code routes/api.camel.yaml} calls: the REST handlers, their auth and their error mapping. */
@Configuration
public final class ApiBeans implements CamelConfiguration {

    private final JsonResponses responses = new JsonResponses();
    private final ConfigProvider config;
    private final SyncCoordinator coordinator;
    private final AuditTrail trail;
    private final RunHistory history;
    private final RunGuard guard;
    private final AlertRepository alerts;
    private final DashboardService dashboard;
    private final SyncMetricsService metrics;

    public ApiBeans(ConfigProvider config, SyncCoordinator coordinator, AuditTrail trail, RunHistory history,
                    RunGuard guard, AlertRepository alerts, DashboardService dashboard, SyncMetricsService metrics) {
        this.config = config;
        this.coordinator = coordinator;
        this.trail = trail;
        this.history = history;
        this.guard = guard;
        this.alerts = alerts;
        this.dashboard = dashboard;
        this.metrics = metrics;
    }

    @BindToRegistry("apiAuth")
    public ApiAuth apiAuth() {
        return new ApiAuth(config);
    }

    @BindToRegistry("apiErrors")
    public ApiErrors apiErrors() {
        return new ApiErrors(responses);
    }

    @BindToRegistry("syncApi")
    public SyncApi syncApi() {
        return new SyncApi(coordinator, trail, history, guard, responses);
    }

    @BindToRegistry("alertApi")
    public AlertApi alertApi() {
        return new AlertApi(alerts, responses);
    }

    @BindToRegistry("dashboardApi")
    public DashboardApi dashboardApi() {
        return new DashboardApi(dashboard, responses);
    }

    @BindToRegistry("metricsApi")
    public MetricsApi metricsApi() {
        return new MetricsApi(metrics, responses);
    }

    @BindToRegistry("housekeepingApi")
    public HousekeepingApi housekeepingApi() {
        return new HousekeepingApi(responses);
    }

    @BindToRegistry("auditApi")
    public AuditApi auditApi() {
        return new AuditApi(trail, config, responses);
    }
}
