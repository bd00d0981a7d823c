package io.sheetsync.dashboard;

import io.sheetsync.alert.Alert;
import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.RunStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's one-word verdict and the sentence that says why, so that a FAILING card never leaves a person
 * guessing: failing when the last run failed or sellers are missing, degraded with open alerts, healthy otherwise.
 *
 * @param status unknown, healthy, degraded or failing
 * @param reason why, in words a person reads on the status card
 */
public record HealthVerdict(String status, String reason) {

    /** Longer error and alert messages are cut here: the card has room for a sentence, the details are a click away. */
    static final int MAX_QUOTED = 200;

    /**
     * @param lastFinished        the most recent run that has ended
     * @param consecutiveFailures runs failed since the last completed one
     * @param gaps                sellers still missing or out of step after the last verified run
     * @param recentAlerts        the alerts the dashboard shows, newest first
     * @param errorText           whether the reader may see a failed run's error text (admins), else only its
     *                            category and SQLSTATE ({@link io.sheetsync.audit.ErrorKind#description()})
     */
    public static HealthVerdict of(Optional<AuditLog> lastFinished, int consecutiveFailures, int gaps,
                                   List<Alert> recentAlerts, boolean errorText) {
        if (lastFinished.isEmpty()) {
            return new HealthVerdict("unknown", "no run has finished yet");
        }
        AuditLog last = lastFinished.get();
        boolean lastFailed = last.status() == RunStatus.FAILED;
        if (lastFailed || gaps > 0) {
            List<String> why = new ArrayList<>();
            if (lastFailed) {
                int streak = Math.max(1, consecutiveFailures);
                String runs = streak == 1 ? "the last run failed" : "the last " + streak + " runs failed";
                String error = last.errorMessage();
                if (error == null || error.isBlank()) {
                    why.add(runs);
                } else {
                    why.add(runs + ": " + quoted(errorText || last.errorKind() == null ? error
                            : last.errorKind().description()));
                }
            }
            if (gaps > 0) {
                why.add(gaps + (gaps == 1 ? " seller is" : " sellers are")
                        + " still missing or out of step after the resync");
            }
            return new HealthVerdict("failing", String.join("; ", why));
        }
        List<Alert> open = recentAlerts.stream()
                .filter(alert -> !alert.acknowledged() && alert.resolvedAt() == null).toList();
        if (!open.isEmpty()) {
            Alert newest = open.get(0);
            return new HealthVerdict("degraded", (open.size() == 1 ? "1 open alert" : open.size() + " open alerts")
                    + ", the newest " + newest.severity() + " " + newest.type() + ": " + quoted(newest.message()));
        }
        return new HealthVerdict("healthy", "the last run completed and no alert is open");
    }

    private static String quoted(String message) {
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_QUOTED ? oneLine : oneLine.substring(0, MAX_QUOTED - 1) + "…";
    }
}
