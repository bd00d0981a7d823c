package io.sheetsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.sheetsync.audit.TriggerSource;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stage's time when its work runs on several threads at once (batch writers): the wall time, not the sum. */
class SyncRunStageTimeTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void overlapping_spans_count_once_and_gaps_between_them_not_at_all() {
        SyncRun run = new SyncRun(UUID.randomUUID(), TriggerSource.MANUAL, T0, null, new RunControl(T0.plusSeconds(60)));

        // [0, 10] and [5, 12] overlap: 12 s; then [20, 25]: 5 s; then [30, 40] with [32, 35] inside it: 10 s
        run.spanStarted(SyncStage.UPDATE, at(0));
        run.spanStarted(SyncStage.UPDATE, at(5));
        run.spanEnded(SyncStage.UPDATE, at(10));
        run.spanEnded(SyncStage.UPDATE, at(12));
        run.spanStarted(SyncStage.UPDATE, at(20));
        run.spanEnded(SyncStage.UPDATE, at(25));
        run.spanStarted(SyncStage.UPDATE, at(30));
        run.spanStarted(SyncStage.UPDATE, at(32));
        run.spanEnded(SyncStage.UPDATE, at(35));
        run.spanEnded(SyncStage.UPDATE, at(40));

        assertThat(run.stageDurations()).containsEntry(SyncStage.UPDATE, Duration.ofSeconds(12 + 5 + 10));
    }

    @Test
    void spans_add_to_the_time_the_stage_was_given_otherwise() {
        SyncRun run = new SyncRun(UUID.randomUUID(), TriggerSource.MANUAL, T0, null, new RunControl(T0.plusSeconds(60)));

        run.addStageTime(SyncStage.UPDATE, Duration.ofMillis(300)); // choosing the batches
        run.spanStarted(SyncStage.UPDATE, at(1));
        run.spanEnded(SyncStage.UPDATE, at(3));

        assertThat(run.stageDurations()).containsEntry(SyncStage.UPDATE, Duration.ofMillis(2300))
                .doesNotContainKey(SyncStage.VERIFY);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
