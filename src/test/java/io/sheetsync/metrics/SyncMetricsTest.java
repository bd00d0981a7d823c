package io.sheetsync.metrics;

import io.sheetsync.audit.ErrorType;
import io.sheetsync.sync.SyncStage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncMetricsTest {

    @Test
    void a_completed_run_has_a_time_for_every_stage_and_its_total() {
        SyncMetrics metrics = SyncMetrics.measure(Map.of(
                        SyncStage.FETCH, Duration.ofMillis(120), SyncStage.COMPARE, Duration.ofMillis(30),
                        SyncStage.UPDATE, Duration.ofMillis(800), SyncStage.VERIFY, Duration.ofMillis(50)),
                Duration.ofMillis(1_000), 2_000, Map.of(ErrorType.VALIDATION, 3));

        assertThat(metrics.executionTime()).isEqualTo(new SyncMetrics.ExecutionTime(120L, 30L, 800L, 50L, 1_000));
        assertThat(metrics.throughput()).isEqualTo(new SyncMetrics.Throughput(2_000.0, 2_000));
        assertThat(metrics.errors()).isEqualTo(new SyncMetrics.ErrorCounts(0, 3, 0, 0));
        assertThat(metrics.errors().total()).isEqualTo(3);
        assertThat(metrics.executionTime().bottleneck()).contains(SyncStage.UPDATE);
    }

    @Test
    void stages_a_run_never_reached_are_null_not_zero() {
        SyncMetrics metrics = SyncMetrics.measure(Map.of(SyncStage.FETCH, Duration.ofSeconds(30)),
                Duration.ofSeconds(31), 0, Map.of(ErrorType.NETWORK, 1));

        assertThat(metrics.executionTime().fetch()).isEqualTo(30_000L);
        assertThat(metrics.executionTime().compare()).isNull();
        assertThat(metrics.executionTime().update()).isNull();
        assertThat(metrics.executionTime().verify()).isNull();
        assertThat(metrics.executionTime().bottleneck()).contains(SyncStage.FETCH);
        assertThat(metrics.errors().network()).isEqualTo(1);
    }

    @Test
    void throughput_is_rows_per_second_of_the_whole_run_and_zero_when_no_time_passed() {
        assertThat(SyncMetrics.Throughput.of(300, Duration.ofMillis(1_500)).recordsPerSecond()).isEqualTo(200.0);
        assertThat(SyncMetrics.Throughput.of(0, Duration.ofSeconds(2)).recordsPerSecond()).isZero();
        assertThat(SyncMetrics.Throughput.of(50, Duration.ZERO).recordsPerSecond()).isZero();
        assertThat(SyncMetrics.Throughput.of(50, Duration.ZERO).totalRecords()).isEqualTo(50);
    }

    @Test
    void a_clock_stepped_back_during_a_run_reads_as_zero_time_not_negative() {
        SyncMetrics metrics = SyncMetrics.measure(Map.of(SyncStage.FETCH, Duration.ofMillis(-5)),
                Duration.ofMillis(-20), 10, Map.of());

        assertThat(metrics.executionTime().fetch()).isZero();
        assertThat(metrics.executionTime().total()).isZero();
        assertThat(metrics.throughput().recordsPerSecond()).isZero();
    }

    @Test
    void on_a_tie_the_earlier_stage_is_the_bottleneck() {
        assertThat(new SyncMetrics.ExecutionTime(10L, 40L, 40L, 5L, 100).bottleneck()).contains(SyncStage.COMPARE);
        assertThat(new SyncMetrics.ExecutionTime(null, null, null, null, 0).bottleneck()).isEmpty();
    }

    @Test
    void impossible_values_are_refused() {
        assertThatThrownBy(() -> new SyncMetrics.ExecutionTime(-1L, null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncMetrics.Throughput(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncMetrics.ErrorCounts(0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
