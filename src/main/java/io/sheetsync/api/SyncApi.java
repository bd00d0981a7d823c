package io.sheetsync.api;

import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.AuditTrail;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.sync.RunGuard;
import io.sheetsync.sync.SyncCoordinator;
import io.sheetsync.sync.SyncInProgressException;
import io.sheetsync.sync.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The sync endpoints: trigger a run, the service's sync status, one run by id, cancel a run (CONTRACT section 3). */
public final class SyncApi {

    private final SyncCoordinator coordinator;
    private final AuditTrail audit;
    private final RunHistory history;
    private final RunGuard guard;
    private final JsonResponses responses;

    public SyncApi(SyncCoordinator coordinator, AuditTrail audit, RunHistory history, RunGuard guard,
                   JsonResponses responses) {
        this.coordinator = coordinator;
        this.audit = audit;
        this.history = history;
        this.guard = guard;
        this.responses = responses;
    }

    /** The 409 answer to a trigger that found a run going on (route {@code api-sync-trigger}). */
    public void inProgress(Exchange exchange,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) SyncInProgressException refused)
            throws SQLException {
        Map<String, Object> status = statusBody(ErrorDisclosure.of(exchange));
        // The lock is held, so a run is going even when its start is not visible yet (another trigger took the
        // lock a moment ago and has not recorded its run, here or in another instance).
        status.put("isRunning", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "sync_in_progress");
        body.put("message", refused.getMessage());
        body.put("status", status);
        responses.write(exchange, 409, body);
    }

    /** POST /api/sync takes no parameters: a mistyped one ({@code ?force=true}) starts nothing. */
    public void checkTrigger(Exchange exchange) {
        QueryParams.of(exchange);
    }

    /** The 202 answer for a run the route has handed to its executor. */
    public void accepted(Exchange exchange) {
        SyncRun run = exchange.getMessage().getBody(SyncRun.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("syncId", run.id().toString());
        body.put("message", "sync started; follow it at /api/sync/" + run.id());
        responses.write(exchange, 202, body);
    }

    public void status(Exchange exchange) throws SQLException {
        QueryParams.of(exchange);
        responses.write(exchange, 200, statusBody(ErrorDisclosure.of(exchange)));
    }

    public void run(Exchange exchange) throws SQLException {
        QueryParams.of(exchange);
        UUID id = QueryParams.pathId(exchange, "id");
        Optional<SyncRun> live = coordinator.current().filter(run -> run.id().equals(id));
        AuditLog log = audit.find(id).orElseThrow(() -> ApiException.notFound("sync " + id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", log.id().toString());
        body.put("status", live.map(run -> run.status().code()).orElse(log.status().code()));
        body.put("triggerSource", log.triggerSource().code());
        body.put("triggeredBy", log.triggeredBy());
        body.put("startTime", log.startTime());
        body.put("endTime", log.endTime());
        RunCounts counts = live.map(SyncRun::counts).orElse(log.counts());
        body.put("totalRecords", counts.total());
        body.put("createdCount", counts.created());
        body.put("updatedCount", counts.updated());
        body.put("unchangedCount", counts.unchanged());
        body.put("failureCount", counts.failed());
        body.put("progress", live.map(run -> (Object) run.progress().snapshot()).orElse(null));
        body.put("verification", log.verificationJson() == null ? null : new RawJson(log.verificationJson()));
        ErrorDisclosure.of(exchange).putRunError(body, log.errorMessage(), log.errorKind());
        body.put("outcome", log.outcome());
        responses.write(exchange, 200, body);
    }

    /**
     * Asks a running sync to stop after its current batch: 202, 404 for an unknown id, 409 when it is not running.
     * The run ends as failed with outcome 'cancelled' and error "cancelled by &lt;caller&gt;" (the token's name, or its
     * role for a role token).
     */
    public void cancel(Exchange exchange) throws SQLException {
        QueryParams.of(exchange);
        UUID id = QueryParams.pathId(exchange, "id");
        RunGuard.CancelResult result = guard.cancel(id, ApiAuth.callerName(exchange));
        switch (result) {
            case UNKNOWN -> throw ApiException.notFound("sync " + id);
            case NOT_RUNNING -> throw new ApiException(409, "sync_not_running", "sync " + id + " is not running ("
                    + audit.find(id).map(log -> log.status().code()).orElse("ended") + "): there is nothing to cancel");
            case REQUESTED -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("syncId", id.toString());
                body.put("message", "cancel requested; the sync stops after its current batch, committed batches stay");
                responses.write(exchange, 202, body);
            }
        }
    }

    /** The status answer; {@code lastSyncResult} carries its error as the caller's role may see it. */
    private Map<String, Object> statusBody(ErrorDisclosure disclosure) {
        Optional<SyncRun> running = coordinator.current();
        Optional<AuditLog> elsewhere;
        Optional<AuditLog> last;
        try {
            elsewhere = running.isPresent() ? Optional.empty() : history.inProgress();
            last = history.lastFinished();
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit log failed", e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("isRunning", running.isPresent() || elsewhere.isPresent());
        body.put("syncId", running.map(run -> run.id().toString())
                .orElse(elsewhere.map(log -> log.id().toString()).orElse(null)));
        body.put("progress", running.map(run -> (Object) run.progress().snapshot()).orElse(null));
        body.put("lastSyncTime", last.map(AuditLog::endTime).orElse(null));
        body.put("lastSyncResult", last.map(log -> result(log, disclosure)).orElse(null));
        return body;
    }

    private static Map<String, Object> result(AuditLog log, ErrorDisclosure disclosure) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("syncId", log.id().toString());
        result.put("status", log.status().code());
        result.put("startTime", log.startTime());
        result.put("endTime", log.endTime());
        result.put("createdCount", log.counts().created());
        result.put("updatedCount", log.counts().updated());
        result.put("unchangedCount", log.counts().unchanged());
        result.put("failureCount", log.counts().failed());
        disclosure.putRunError(result, log.errorMessage(), log.errorKind());
        return result;
    }


    /** Already-serialised JSON stored in the database, embedded as is. */
    record RawJson(@com.fasterxml.jackson.annotation.JsonRawValue @com.fasterxml.jackson.annotation.JsonValue String json) {
    }

}
