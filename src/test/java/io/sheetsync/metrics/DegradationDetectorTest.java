package io.sheetsync.metrics;

import io.sheetsync.sync.SyncStage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DegradationDetectorTest {

    final DegradationDetector detector = new DegradationDetector();

    @Test
    void a_run_over_the_factor_times_the_recent_mean_is_degraded_and_names_its_slowest_stage() {
        SyncMetrics.ExecutionTime slow = new SyncMetrics.ExecutionTime(200L, 100L, 4_500L, 200L, 5_000);

        Degradation degradation = detector.check(slow, List.of(2_000L, 2_000L, 2_000L, 2_000L), 1.5).orElseThrow();

        assertThat(degradation.bottleneck()).isEqualTo(SyncStage.UPDATE);
        assertThat(degradation.bottleneckMs()).isEqualTo(4_500);
        assertThat(degradation.baselineMs()).isEqualTo(2_000.0);
        assertThat(degradation.baselineRuns()).isEqualTo(4);
        assertThat(degradation.ratio()).isEqualTo(2.5);
        assertThat(degradation.message())
                .contains("5000 ms", "2.5x", "last 4 completed runs", "2000 ms", "1.50x", "slowest stage: update (4500 ms)");
    }

    @Test
    void a_run_within_the_factor_is_not_degraded() {
        SyncMetrics.ExecutionTime run = new SyncMetrics.ExecutionTime(1_000L, 100L, 1_800L, 100L, 3_000);

        assertThat(detector.check(run, List.of(2_000L, 2_000L, 2_000L), 1.5)).isEmpty();
        assertThat(detector.check(run, List.of(2_000L, 2_000L, 2_000L), 1.4)).isPresent();
    }

    @Test
    void fewer_than_three_earlier_runs_give_no_verdict() {
        SyncMetrics.ExecutionTime slow = new SyncMetrics.ExecutionTime(9_000L, 1L, 1L, 1L, 10_000);

        assertThat(detector.check(slow, List.of(), 1.5)).isEmpty();
        assertThat(detector.check(slow, List.of(100L, 100L), 1.5)).isEmpty();
        assertThat(detector.check(slow, List.of(100L, 100L, 100L), 1.5)).isPresent();
    }

    @Test
    void milliseconds_of_jitter_on_a_fast_sync_are_no_degradation() {
        SyncMetrics.ExecutionTime jitter = new SyncMetrics.ExecutionTime(30L, 5L, 40L, 5L, 80);

        assertThat(detector.check(jitter, List.of(20L, 20L, 20L), 1.5)).isEmpty();
    }
}
