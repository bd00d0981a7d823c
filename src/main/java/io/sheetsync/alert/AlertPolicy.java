package io.sheetsync.alert;

import io.sheetsync.config.SyncConfig;
import io.sheetsync.settings.ConfigChange;
import io.sheetsync.verify.IntegrityIssue;
import io.sheetsync.verify.Verification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The thresholds: which alerts a finished run raises, which open conditions it clears, and when the silence of the
 * scheduler becomes an alert. Plain rules, no I/O.
 */
public final class AlertPolicy {

    /** Open condition of gaps still missing after the resync. */
    public static final String GAPS_REMAINING = "sync_gap:remaining";
    /** Open condition of many gaps, even healed ones: something upstream loses writes. */
    public static final String GAPS_HEALED = "sync_gap:healed";

    private static final int LISTED = 50;

    /** The alerts a finished run raises. */
    public List<NewAlert> alertsFor(RunOutcome run, SyncConfig.Alerts settings) {
        List<NewAlert> alerts = new ArrayList<>();
        switch (run.failure()) {
            case SOURCE_SHRUNK -> alerts.add(NewAlert.of(Severity.HIGH, AlertType.SOURCE_SHRUNK,
                    "sync " + run.runId() + " refused the sheet: " + run.error(), details(run), run.runId()));
            case COLUMN_VANISHED -> alerts.add(NewAlert.of(Severity.HIGH, AlertType.COLUMN_VANISHED,
                    "sync " + run.runId() + " refused the sheet: " + run.error(), columnDetails(run), run.runId()));
            case ERROR -> alerts.add(NewAlert.of(Severity.MEDIUM, AlertType.SYNC_FAILED,
                    "sync " + run.runId() + " failed: " + run.error(), details(run), run.runId()));
            default -> { }
        }
        if (!run.completed() && run.consecutiveFailures() >= settings.consecutiveFailureThreshold()) {
            alerts.add(NewAlert.of(Severity.HIGH, AlertType.CONSECUTIVE_FAILURES,
                    run.consecutiveFailures() + " syncs in a row failed; the last: " + run.error(), details(run),
                    run.runId()));
        }
        Verification verification = run.verification();
        if (verification != null) {
            List<String> remaining = unhealed(verification);
            if (!remaining.isEmpty()) {
                alerts.add(new NewAlert(Severity.HIGH, AlertType.SYNC_GAP, GAPS_REMAINING,
                        remaining.size() + " seller(s) in the sheet are still not right in the database after the"
                                + " automatic resync: " + listed(remaining),
                        gapDetails(run, verification, remaining), run.runId()));
            } else if (verification.gapsDetected().size() >= settings.gapThreshold()) {
                alerts.add(new NewAlert(Severity.MEDIUM, AlertType.SYNC_GAP, GAPS_HEALED,
                        verification.gapsDetected().size() + " seller(s) were missing after the writes and were"
                                + " re-synced: " + listed(verification.gapsDetected()),
                        gapDetails(run, verification, remaining), run.runId()));
            }
            if (!verification.integrityIssues().isEmpty()) {
                alerts.add(NewAlert.of(Severity.MEDIUM, AlertType.DATA_INTEGRITY,
                        verification.integrityIssues().size() + " data integrity issue(s): "
                                + verification.integrityIssues().get(0).description()
                                + (verification.integrityIssues().size() > 1 ? " (and more)" : ""),
                        integrityDetails(run, verification.integrityIssues()), run.runId()));
            }
        }
        return alerts;
    }

    /** The open conditions a finished run shows to be over. */
    public Set<String> clearedBy(RunOutcome run, SyncConfig.Alerts settings) {
        Set<String> cleared = new LinkedHashSet<>();
        if (run.completed()) {
            cleared.add(AlertType.SYNC_FAILED.code());
            cleared.add(AlertType.CONSECUTIVE_FAILURES.code());
            cleared.add(AlertType.SOURCE_SHRUNK.code());
            cleared.add(AlertType.COLUMN_VANISHED.code());
            cleared.add(AlertType.NO_SYNC.code());
        }
        Verification verification = run.verification();
        if (verification != null) {
            if (unhealed(verification).isEmpty()) {
                cleared.add(GAPS_REMAINING);
            }
            if (verification.gapsDetected().size() < settings.gapThreshold()) {
                cleared.add(GAPS_HEALED);
            }
            if (verification.integrityIssues().isEmpty()) {
                cleared.add(AlertType.DATA_INTEGRITY.code());
            }
        }
        return cleared;
    }

    /** The no_sync alert when no run completed for longer than allowed, counting from {@code since}. */
    public List<NewAlert> noSync(Instant since, Instant now, SyncConfig.Alerts settings) {
        Duration silence = Duration.between(since, now);
        if (silence.toMinutes() < settings.noSyncMinutes()) {
            return List.of();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lastSuccessfulSyncOrStart", since.toString());
        details.put("minutesWithoutSync", silence.toMinutes());
        details.put("thresholdMinutes", settings.noSyncMinutes());
        return List.of(NewAlert.of(Severity.HIGH, AlertType.NO_SYNC, "no sync has completed for "
                + silence.toMinutes() + " minutes (since " + since + ")", details, null));
    }

    /**
     * The alert of a run much slower than the recent ones: low, or medium from twice the configured factor. It stays
     * open until acknowledged: a single fast run says little about the next one.
     */
    public NewAlert degraded(UUID runId, double ratio, double factor, String bottleneck, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("syncId", runId.toString());
        details.put("ratio", Math.round(ratio * 100) / 100.0);
        details.put("factor", factor);
        details.put("bottleneck", bottleneck);
        return NewAlert.of(ratio >= 2 * factor ? Severity.MEDIUM : Severity.LOW, AlertType.PERFORMANCE_DEGRADED,
                "performance degraded: " + message, details, runId);
    }

    /**
     * The low config_changed alert of one change through the config API, naming each setting with its old and new
     * value. Every change is its own condition: two changes are two alerts, never one counted twice.
     */
    public NewAlert configChanged(List<ConfigChange> changes) {
        ConfigChange first = changes.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("changedBy", first.changedBy());
        details.put("changes", changes.stream().map(change -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("setting", change.setting());
            one.put("oldValue", change.oldValue());
            one.put("newValue", change.newValue());
            return one;
        }).toList());
        String what = changes.stream().map(change -> change.setting() + " " + change.oldValue() + " -> "
                + change.newValue()).collect(java.util.stream.Collectors.joining(", "));
        return new NewAlert(Severity.LOW, AlertType.CONFIG_CHANGED, AlertType.CONFIG_CHANGED.code() + ":"
                + UUID.randomUUID(), "configuration changed by " + first.changedBy() + ": " + what, details, null);
    }

    private static List<String> unhealed(Verification verification) {
        List<String> unhealed = new ArrayList<>(verification.remainingGaps());
        verification.drift().stream().filter(key -> !unhealed.contains(key)).forEach(unhealed::add);
        return unhealed;
    }

    private static String listed(List<String> keys) {
        return String.join(", ", keys.subList(0, Math.min(keys.size(), 20))) + (keys.size() > 20 ? ", ..." : "");
    }

    private static Map<String, Object> details(RunOutcome run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("syncId", run.runId().toString());
        details.put("consecutiveFailures", run.consecutiveFailures());
        if (run.error() != null) {
            // the text is for admins only (AlertRedaction); the category and SQLSTATE for every role
            details.put("error", run.error());
        }
        if (run.errorKind() != null) {
            details.put("errorCategory", run.errorKind().category());
            if (run.errorKind().sqlState() != null) {
                details.put("sqlState", run.errorKind().sqlState());
            }
        }
        return details;
    }

    /** The lost columns, one object each: acknowledging the alert accepts exactly these fields (see ColumnGuard). */
    private static Map<String, Object> columnDetails(RunOutcome run) {
        Map<String, Object> details = details(run);
        details.put("columns", run.lostColumns().stream().map(column -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("field", column.field().id());
            one.put("header", column.header());
            one.put("change", column.kind().code());
            return one;
        }).toList());
        return details;
    }

    private static Map<String, Object> gapDetails(RunOutcome run, Verification verification, List<String> remaining) {
        Map<String, Object> details = details(run);
        details.put("sellerNumbers", remaining.isEmpty() ? verification.gapsDetected() : remaining);
        details.put("gapsDetected", verification.gapsDetected().size());
        details.put("remainingGaps", remaining.size());
        details.put("spreadsheetCount", verification.spreadsheetCount());
        details.put("databaseCount", verification.databaseCount());
        return details;
    }

    private static Map<String, Object> integrityDetails(RunOutcome run, List<IntegrityIssue> issues) {
        Map<String, Object> details = details(run);
        details.put("issueCount", issues.size());
        details.put("issues", issues.subList(0, Math.min(issues.size(), LISTED)).stream().map(issue -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("sellerNumber", issue.sellerNumber() == null ? "" : issue.sellerNumber());
            one.put("issueType", issue.issueType());
            one.put("field", issue.fieldName() == null ? "" : issue.fieldName());
            one.put("description", issue.description());
            return one;
        }).toList());
        return details;
    }
}
