package io.sheetsync.metrics;

import io.sheetsync.sync.SyncStage;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether a run was degraded: slower than the mean of the recent completed runs by more than the configured
 * factor. Two guards keep it quiet when there is nothing to say: fewer than {@value #MIN_BASELINE_RUNS} runs to
 * compare with give no verdict, and a run must also be at least {@value #MIN_EXCESS_MS} ms slower than the mean,
 * because a small sheet syncs in milliseconds, where jitter is no degradation.
 */
public final class DegradationDetector {

    /** How many recent completed runs make the baseline. */
    public static final int BASELINE_RUNS = 10;
    public static final int MIN_BASELINE_RUNS = 3;
    public static final long MIN_EXCESS_MS = 1000;

    /**
     * @param current      the run's execution times
     * @param recentTotals total times (ms) of the recent completed runs, not including this one
     * @param factor       how many times the mean a run may take before it counts as degraded (&gt; 1)
     */
    public Optional<Degradation> check(SyncMetrics.ExecutionTime current, List<Long> recentTotals, double factor) {
        if (recentTotals.size() < MIN_BASELINE_RUNS) {
            return Optional.empty();
        }
        double mean = recentTotals.stream().mapToLong(Long::longValue).average().orElse(0);
        long total = current.total();
        if (total <= factor * mean || total - mean < MIN_EXCESS_MS) {
            return Optional.empty();
        }
        Optional<SyncStage> bottleneck = current.bottleneck();
        if (bottleneck.isEmpty()) {
            return Optional.empty();
        }
        SyncStage stage = bottleneck.get();
        return Optional.of(new Degradation(total, mean, recentTotals.size(), factor, stage,
                current.of(stage).orElseThrow()));
    }
}
