package io.sheetsync.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sheetsync.audit.ErrorType;
import io.sheetsync.audit.RunCounts;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.sync.SyncStage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyncMetersTest {

    static final Instant START = Instant.parse("2026-01-10T00:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SyncMeters meters = new SyncMeters(registry, clock);

    @Test
    void a_run_adds_its_outcome_rows_errors_and_stage_times() {
        SyncMetrics metrics = SyncMetrics.measure(Map.of(SyncStage.FETCH, Duration.ofMillis(40),
                        SyncStage.COMPARE, Duration.ofMillis(10), SyncStage.UPDATE, Duration.ofMillis(300),
                        SyncStage.VERIFY, Duration.ofMillis(20)),
                Duration.ofMillis(400), 9, Map.of(ErrorType.VALIDATION, 2, ErrorType.DATABASE, 1));

        meters.runEnded(RunStatus.COMPLETED, START, metrics, new RunCounts(9, 7, 4, 2, 0, 3));

        assertThat(registry.get("sheet.sync.runs").tag("status", "completed").counter().count()).isEqualTo(1);
        assertThat(registry.get("sheet.sync.runs").tag("status", "failed").counter().count()).isZero();
        assertThat(registry.get("sheet.sync.rows").tag("outcome", "created").counter().count()).isEqualTo(4);
        assertThat(registry.get("sheet.sync.rows").tag("outcome", "updated").counter().count()).isEqualTo(2);
        assertThat(registry.get("sheet.sync.rows").tag("outcome", "failed").counter().count()).isEqualTo(3);
        assertThat(registry.get("sheet.sync.errors").tag("type", "validation").counter().count()).isEqualTo(2);
        assertThat(registry.get("sheet.sync.errors").tag("type", "database").counter().count()).isEqualTo(1);
        assertThat(registry.get("sheet.sync.errors").tag("type", "network").counter().count()).isZero();
        assertThat(registry.get("sheet.sync.phase.duration").tag("phase", "update").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(300);
        assertThat(registry.get("sheet.sync.run.duration").tag("status", "completed").timer().count()).isEqualTo(1);
        assertThat(registry.get("sheet.sync.last.run.records.per.second").gauge().value()).isEqualTo(22.5);
    }

    @Test
    void stages_a_run_did_not_reach_are_not_timed() {
        SyncMetrics failed = SyncMetrics.measure(Map.of(SyncStage.FETCH, Duration.ofSeconds(5)),
                Duration.ofSeconds(5), 0, Map.of(ErrorType.NETWORK, 1));

        meters.runEnded(RunStatus.FAILED, START, failed, RunCounts.NONE);

        assertThat(registry.get("sheet.sync.phase.duration").tag("phase", "fetch").timer().count()).isEqualTo(1);
        assertThat(registry.find("sheet.sync.phase.duration").tag("phase", "verify").timer()).isNull();
        assertThat(registry.get("sheet.sync.runs").tag("status", "failed").counter().count()).isEqualTo(1);
    }

    @Test
    void seconds_since_last_success_count_from_start_up_until_a_run_completes_and_failures_do_not_reset_it() {
        clock.advance(Duration.ofSeconds(90));
        assertThat(registry.get("sheet.sync.seconds.since.last.success").gauge().value()).isEqualTo(90.0);

        SyncMetrics any = SyncMetrics.measure(Map.of(), Duration.ofMillis(10), 0, Map.of());
        meters.runEnded(RunStatus.COMPLETED, clock.instant(), any, RunCounts.NONE);
        clock.advance(Duration.ofSeconds(30));
        meters.runEnded(RunStatus.FAILED, clock.instant(), any, RunCounts.NONE);
        clock.advance(Duration.ofSeconds(15));

        assertThat(registry.get("sheet.sync.seconds.since.last.success").gauge().value()).isEqualTo(45.0);
    }

    @Test
    void the_last_success_never_moves_back() {
        meters.lastSuccess(START.plusSeconds(100));
        meters.lastSuccess(START.plusSeconds(10));
        clock.advance(Duration.ofSeconds(160));

        assertThat(registry.get("sheet.sync.seconds.since.last.success").gauge().value()).isEqualTo(60.0);
    }

    @Test
    void gaps_and_degraded_runs_are_counted_and_extra_gauges_can_be_added() {
        meters.gapsDetected(3);
        meters.gapsDetected(0);
        meters.degraded(new Degradation(5_000, 1_000, 5, 1.5, SyncStage.FETCH, 4_000));
        meters.gauge("sheet.sync.open.alerts", "open alerts", () -> 7);

        assertThat(registry.get("sheet.sync.gaps").counter().count()).isEqualTo(3);
        assertThat(registry.get("sheet.sync.degraded.runs").tag("bottleneck", "fetch").counter().count()).isEqualTo(1);
        assertThat(registry.get("sheet.sync.open.alerts").gauge().value()).isEqualTo(7.0);
    }

    @Test
    void every_bottleneck_is_counted_from_zero_before_any_run_is_degraded() {
        for (SyncStage stage : SyncStage.values()) {
            assertThat(registry.get("sheet.sync.degraded.runs").tag("bottleneck", stage.code()).counter().count())
                    .isZero();
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
