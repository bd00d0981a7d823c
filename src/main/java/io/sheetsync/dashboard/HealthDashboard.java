package io.sheetsync.dashboard;

import io.sheetsync.alert.Alert;

import java.time.Instant;
import java.util.List;

/**
 * Everything the dashboard shows at a glance (seed SyncHealthDashboard).
 *
 * @param status         healthy, degraded (open alerts or failures) or failing (the last run failed or gaps remain)
 * @param statusReason   why the status is what it is, in a sentence ({@link HealthVerdict})
 * @param successRate24h completed runs among finished runs in the last 24 hours, 0..1, null when none ran
 * @param syncTrend      recent runs, oldest first
 */
public record HealthDashboard(String status, String statusReason, Instant lastSuccessfulSync, Instant nextScheduledSync,
                              Double successRate24h, Double successRate7d, int currentGapCount,
                              List<Alert> recentAlerts, List<TrendPoint> syncTrend, boolean syncRunning) {

    /**
     * One run on the trend chart (seed SyncTrendData).
     *
     * @param successCount rows that ended as the sheet says (created, updated, unchanged)
     * @param failureCount rows set aside or not written
     * @param duration     milliseconds from start to end
     */
    public record TrendPoint(Instant timestamp, String syncId, String status, int successCount, int failureCount,
                             long duration) {
    }
}
