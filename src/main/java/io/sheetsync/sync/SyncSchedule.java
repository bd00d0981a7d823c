package io.sheetsync.sync;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The state of the schedule that starts runs: the {@code sync-scheduled} route and its Quartz trigger
 * ({@code quartz://sheet-sync/scheduled} in {@code routes/sync.camel.yaml}). For the scheduler health check, and for
 * "next scheduled sync" on a dashboard.
 */
public final class SyncSchedule {

    public static final String ROUTE_ID = "sync-scheduled";
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("scheduled", "sheet-sync");

    private final CamelContext context;

    public SyncSchedule(CamelContext context) {
        this.context = context;
    }

    /** The route's status; null when the route does not exist (e.g. under {@code --once}). */
    public ServiceStatus routeStatus() {
        return context.getRouteController().getRouteStatus(ROUTE_ID);
    }

    /** Why the Quartz scheduler cannot fire, or empty when it runs. */
    public Optional<String> schedulerProblem() {
        Scheduler scheduler = scheduler();
        if (scheduler == null) {
            return Optional.of("there is no Quartz scheduler");
        }
        try {
            if (scheduler.isShutdown()) {
                return Optional.of("the Quartz scheduler is shut down");
            }
            if (!scheduler.isStarted() || scheduler.isInStandbyMode()) {
                return Optional.of("the Quartz scheduler is not started");
            }
            return Optional.empty();
        } catch (SchedulerException e) {
            return Optional.of("the Quartz scheduler does not answer: " + e.getMessage());
        }
    }

    /** When the schedule fires next, if its route runs and its trigger is set up and not paused. */
    public Optional<Instant> nextFireTime() {
        Scheduler scheduler = scheduler();
        // Quartz may hold the trigger of a route that never started (SYNC_SCHEDULE_ENABLED=false): it will not fire.
        if (scheduler == null || routeStatus() != ServiceStatus.Started) {
            return Optional.empty();
        }
        try {
            Trigger trigger = scheduler.getTrigger(TRIGGER);
            if (trigger == null || scheduler.getTriggerState(TRIGGER) == Trigger.TriggerState.PAUSED) {
                return Optional.empty();
            }
            Date next = trigger.getNextFireTime();
            return Optional.ofNullable(next).map(Date::toInstant);
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    /**
     * Moves the schedule to a new period from now (the interval changed through the config API): the trigger is
     * replaced under its own key, so the route keeps its job. Does nothing while the schedule does not run.
     */
    public void reschedule(long periodMillis) throws SchedulerException {
        Scheduler scheduler = scheduler();
        Trigger current = scheduler == null ? null : scheduler.getTrigger(TRIGGER);
        if (current == null) {
            return;
        }
        scheduler.rescheduleJob(TRIGGER, TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(current.getJobKey())
                .usingJobData(current.getJobDataMap())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(periodMillis)
                        .repeatForever())
                .startAt(new Date(System.currentTimeMillis() + periodMillis)).build());
    }

    private Scheduler scheduler() {
        return context.hasComponent("quartz") instanceof QuartzComponent quartz ? quartz.getScheduler() : null;
    }
}
