package io.sheetsync.sync;

import io.sheetsync.audit.RunCounts;

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
}
