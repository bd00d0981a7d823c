package io.sheetsync.metrics;

import java.time.Instant;

/**
 * Statistics over the runs that ended in a window (GET /api/metrics).
 *
 * @param runs              runs with metrics in the window
 * @param failedRuns        of those, the failed ones
 * @param averageSyncTime   mean total time of a run, in milliseconds (0 without runs)
 * @param peakSyncTime      longest total time of a run, in milliseconds (0 without runs)
 * @param errorRate         failed runs / runs, from 0 to 1 (0 without runs)
 * @param averageThroughput mean rows per second of the runs that read rows (0 without such runs)
 * @param errors            error log entries by category, summed over the runs
 */
public record AggregatedMetrics(int days, Instant from, Instant to, int runs, int failedRuns, double averageSyncTime,
                                long peakSyncTime, double errorRate, double averageThroughput,
                                SyncMetrics.ErrorCounts errors) {

    public AggregatedMetrics {
        if (runs < 0 || failedRuns < 0 || failedRuns > runs) {
            throw new IllegalArgumentException("failed runs must be between 0 and the number of runs");
        }
    }
}
