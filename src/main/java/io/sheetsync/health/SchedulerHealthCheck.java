package io.sheetsync.health;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.sync.SyncSchedule;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code sheet-sync-scheduler}: DOWN when the schedule should start runs but cannot: the {@code sync-scheduled} route
 * is not started (stopped or suspended, e.g. over JMX) or the Quartz scheduler is not running. UP when the schedule is
 * off by configuration. A readiness check, not a liveness one: an operator who suspends the schedule on purpose must
 * not have the process restarted under them.
 */
public final class SchedulerHealthCheck extends AbstractHealthCheck {

    private final ConfigProvider config;
    private final Supplier<CamelContext> context;

    /** @param context the running context (checks found in the registry are not handed one) */
    public SchedulerHealthCheck(ConfigProvider config, Supplier<CamelContext> context) {
        super("sheet-sync", "sheet-sync-scheduler");
        this.config = config;
        this.context = context;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!config.current().scheduleEnabled()) {
            builder.message("the schedule is off (SYNC_SCHEDULE_ENABLED=false): runs start through the API").up();
            return;
        }
        SyncSchedule schedule = new SyncSchedule(context.get());
        ServiceStatus route = schedule.routeStatus();
        if (route == null || !route.isStarted()) {
            builder.message("route " + SyncSchedule.ROUTE_ID + " is " + (route == null ? "missing"
                    : route.name().toLowerCase(java.util.Locale.ROOT)) + ": no scheduled runs").down();
            return;
        }
        Optional<String> problem = schedule.schedulerProblem();
        if (problem.isPresent()) {
            builder.message(HealthText.of(problem.get() + ": no scheduled runs")).down();
            return;
        }
        schedule.nextFireTime().ifPresent(next -> builder.detail("nextFireTime", next.toString()));
        builder.message("scheduled runs every " + config.current().intervalMinutes() + " minute(s)").up();
    }
}
