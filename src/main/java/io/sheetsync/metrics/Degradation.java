package io.sheetsync.metrics;

import io.sheetsync.sync.SyncStage;

import java.util.Locale;

/**
 * A run markedly slower than the recent ones: how much slower, and where the time went.
 *
 * @param totalMs        the run's total time
 * @param baselineMs     mean total time of the recent completed runs it is compared with
 * @param baselineRuns   how many runs that mean covers
 * @param factor         the threshold in force (SYNC_DEGRADATION_FACTOR)
 * @param bottleneck     the stage that took longest in this run
 * @param bottleneckMs   its time
 */
public record Degradation(long totalMs, double baselineMs, int baselineRuns, double factor, SyncStage bottleneck,
                          long bottleneckMs) {

    /** How many times the recent mean this run took. */
    public double ratio() {
        return baselineMs <= 0 ? Double.POSITIVE_INFINITY : totalMs / baselineMs;
    }

    /** One line for the log and for alerts, naming the bottleneck. */
    public String message() {
        return String.format(Locale.ROOT,
                "sync took %d ms, %.1fx the mean of the last %d completed runs (%.0f ms; warning above %.2fx);"
                        + " slowest stage: %s (%d ms)",
                totalMs, ratio(), baselineRuns, baselineMs, factor, bottleneck.code(), bottleneckMs);
    }
}
