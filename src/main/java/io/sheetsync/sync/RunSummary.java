package io.sheetsync.sync;

import io.sheetsync.audit.RunCounts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished run reports: the {@code --once} JSON line and the API's "last result".
 *
 * @param durationsMs milliseconds per phase (fetch, compare, update, verify) and in total
 * @param gaps        seller numbers in the sheet still missing from the database after the run
 */
public record RunSummary(String syncId, String status, String triggerSource, String startTime, String endTime,
                         RunCounts counts, List<String> gaps, Map<String, Long> durationsMs, String error) {

    /** The summary of a run as it stands, with the sellers still missing after it. */
    public static RunSummary of(SyncRun run, List<String> missing) {
        Map<SyncStage, Duration> stages = run.stageDurations();
        Map<String, Long> durations = new LinkedHashMap<>();
        for (SyncStage stage : SyncStage.values()) {
            Duration spent = stages.get(stage);
            durations.put(stage.code(), spent == null ? 0L : spent.toMillis());
        }
        Instant end = run.endTime();
        durations.put("total", end == null ? null : Duration.between(run.startTime(), end).toMillis());
        return new RunSummary(run.id().toString(), run.status().code(), run.trigger().code(),
                run.startTime().toString(), end == null ? null : end.toString(), run.counts(), missing, durations,
                run.errorMessage());
    }
}
