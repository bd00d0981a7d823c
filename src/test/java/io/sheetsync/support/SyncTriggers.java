package io.sheetsync.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.audit.TriggerSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Starts runs the way production does, and waits for them to end: a manual run through {@code POST /api/sync} with
 * the operator token, a scheduled one by firing the Quartz job behind route {@code sync-scheduled}
 * ({@code quartz://sheet-sync/scheduled}; the service must run with SYNC_SCHEDULE_ENABLED=true for it to exist).
 */
public final class SyncTriggers {

    private static final TriggerKey SCHEDULE = TriggerKey.triggerKey("scheduled", "sheet-sync");
    private static final List<String> RUN_ROUTES = List.of("sync-scheduled", "sync-execute", "api-sync-trigger");
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestService service;
    private final TestDatabase database;

    public SyncTriggers(TestService service, TestDatabase database) {
        this.service = service;
        this.database = database;
    }

    /** Starts a run as {@code source} does and returns its id (its audit row exists by then); does not wait. */
    public UUID fire(TriggerSource source) throws Exception {
        return source == TriggerSource.MANUAL ? manual() : scheduled();
    }

    /** Starts a run as {@code source} does and waits until it has ended. */
    public UUID run(TriggerSource source) throws Exception {
        UUID run = fire(source);
        awaitEnd(run);
        return run;
    }

    /** {@code POST /api/sync} as an operator: the run's id is the answer's syncId. */
    public UUID manual() throws Exception {
        HttpResponse<String> answer = service.post("/api/sync", TestService.OPERATOR);
        if (answer.statusCode() != 202) {
            throw new AssertionError("POST /api/sync answered " + answer.statusCode() + ": " + answer.body());
        }
        return UUID.fromString(JSON.readTree(answer.body()).get("syncId").asText());
    }

    /** Fires the schedule's Quartz job now, as its trigger would; the run is the audit row that appears. */
    public UUID scheduled() throws Exception {
        Set<String> before = new HashSet<>(database.query("SELECT id::text FROM sync_audit_logs"));
        Scheduler scheduler = context().getComponent("quartz", QuartzComponent.class).getScheduler();
        Trigger trigger = scheduler.getTrigger(SCHEDULE);
        if (trigger == null) {
            throw new IllegalStateException("no Quartz trigger " + SCHEDULE
                    + ": start the service with the schedule on");
        }
        scheduler.triggerJob(trigger.getJobKey());
        Set<String> started = new HashSet<>();
        // The run in progress is seen without a query; one too short to be seen is found in the table once it is over.
        await().atMost(LIMIT).pollInterval(POLL).until(() -> {
            service.service().coordinator().current().map(run -> run.id().toString()).ifPresent(started::add);
            if (started.isEmpty() && idle()) {
                started.addAll(database.query(
                        "SELECT id::text FROM sync_audit_logs WHERE trigger_source = 'scheduled'"));
            }
            started.removeAll(before);
            return !started.isEmpty();
        });
        if (started.size() != 1) {
            throw new AssertionError("one scheduled tick started " + started.size() + " runs: " + started);
        }
        return UUID.fromString(started.iterator().next());
    }

    /** Waits until the run's audit row says it ended and its exchange has left every route (alerts included). */
    public void awaitEnd(UUID run) {
        await().atMost(LIMIT).pollInterval(POLL).until(() -> idle() && ended(run));
    }

    /** Waits for the run a schedule fires as the service starts, and until it has ended. */
    public void awaitFirstTick() {
        await().atMost(LIMIT).pollInterval(POLL).until(() -> idle()
                && !database.query("SELECT 1 FROM sync_audit_logs WHERE status <> 'in_progress'").isEmpty());
    }

    /** Waits until no run is going on, e.g. one an example that failed midway left behind. */
    public void awaitIdle() {
        await().atMost(LIMIT).pollInterval(POLL).until(this::idle);
    }

    /** Whether the run's audit row has left {@code in_progress}. */
    public boolean ended(UUID run) {
        return !database.query("SELECT 1 FROM sync_audit_logs WHERE id = '" + run + "' AND status <> 'in_progress'")
                .isEmpty();
    }

    private boolean idle() {
        return service.service().coordinator().current().isEmpty()
                && RUN_ROUTES.stream().allMatch(route -> context().getInflightRepository().size(route) == 0);
    }

    private CamelContext context() {
        return service.service().camelContext();
    }
}
