package io.sheetsync.sync;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads the sync schedule from Quartz: when the next scheduled run fires, if the schedule runs at all. */
public final class Schedule {

    /** The id of the route that starts scheduled runs (routes/sync.camel.yaml). */
    public static final String ROUTE_ID = "sync-scheduled";

    private final Supplier<CamelContext> camel;

    public Schedule(Supplier<CamelContext> camel) {
        this.camel = camel;
    }

    /** The next fire time of the schedule; empty when the schedule is off, stopped or suspended. */
    public Optional<Instant> nextRun() {
        CamelContext context = camel.get();
        Route route = context.getRoute(ROUTE_ID);
        if (route == null || context.getRouteController().getRouteStatus(ROUTE_ID) != ServiceStatus.Started) {
            return Optional.empty();
        }
        Endpoint endpoint = route.getEndpoint();
        if (!(endpoint instanceof QuartzEndpoint quartz)) {
            return Optional.empty();
        }
        try {
            Trigger trigger = context.getComponent("quartz", QuartzComponent.class).getScheduler()
                    .getTrigger(quartz.getTriggerKey());
            Date next = trigger == null ? null : trigger.getNextFireTime();
            return Optional.ofNullable(next).map(Date::toInstant);
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }
}
