package io.sheetsync.housekeeping;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * What one housekeeping run did (the answer of POST /api/housekeeping), or that it was skipped because another
 * instance was running it.
 *
 * @param removed            runs past SYNC_RETENTION_DAYS removed, with their rows, and how many were archived first
 * @param metricsRolledUp    per-run metrics rows folded into daily aggregates
 * @param daysRolledUp       the days those aggregates cover
 * @param alertsAcknowledged open alerts older than SYNC_ALERT_AUTO_ACK_DAYS acknowledged by {@code housekeeping}
 */
public record HousekeepingResult(@JsonIgnore boolean skipped, Instant startedAt, RemovedRuns removed,
                                 int metricsRolledUp, int daysRolledUp, int alertsAcknowledged, long durationMs) {

    static HousekeepingResult skipped(Instant startedAt) {
        return new HousekeepingResult(true, startedAt, RemovedRuns.NONE, 0, 0, 0, 0);
    }

    /** The one log line of a run. */
    String summary() {
        return "housekeeping: removed " + removed.runs() + " runs (" + removed.recordLogs() + " record logs, "
                + removed.errorLogs() + " error logs, " + removed.gaps() + " gaps, " + removed.recoveryActions()
                + " recovery actions), archived " + removed.archived() + ", rolled up " + metricsRolledUp
                + " metrics into " + daysRolledUp + " days, acknowledged " + alertsAcknowledged + " alerts in "
                + durationMs + " ms";
    }
}
