package io.sheetsync.housekeeping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Housekeeping in the Micrometer registry scraped at {@code /observe/metrics}:
 * {@code sheet_sync_housekeeping_runs_total{outcome}} (completed, skipped, failed) and
 * {@code sheet_sync_housekeeping_rows_total{kind}} (runs_removed, runs_archived, metrics_rolled_up,
 * alerts_acknowledged).
 */
final class HousekeepingMeters {

    private final MeterRegistry registry;

    HousekeepingMeters(MeterRegistry registry) {
        this.registry = registry;
        // every series exists from start-up at 0, so alert rules and dashboards see them before the first run
        for (String outcome : new String[] {"completed", "skipped", "failed"}) {
            runs(outcome);
        }
        for (String kind : new String[] {"runs_removed", "runs_archived", "metrics_rolled_up", "alerts_acknowledged"}) {
            rows(kind);
        }
    }

    void completed(HousekeepingResult result) {
        runs("completed").increment();
        rows("runs_removed").increment(result.removed().runs());
        rows("runs_archived").increment(result.removed().archived());
        rows("metrics_rolled_up").increment(result.metricsRolledUp());
        rows("alerts_acknowledged").increment(result.alertsAcknowledged());
    }

    void skipped() {
        runs("skipped").increment();
    }

    void failed() {
        runs("failed").increment();
    }

    private Counter runs(String outcome) {
        return Counter.builder("sheet.sync.housekeeping.runs")
                .description("Housekeeping runs by outcome (skipped: another instance was running it)")
                .tag("outcome", outcome).register(registry);
    }

    private Counter rows(String kind) {
        return Counter.builder("sheet.sync.housekeeping.rows")
                .description("What housekeeping removed, archived, rolled up and acknowledged")
                .tag("kind", kind).register(registry);
    }
}
