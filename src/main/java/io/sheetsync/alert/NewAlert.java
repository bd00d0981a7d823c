package io.sheetsync.alert;

import java.util.Map;
import java.util.UUID;

/**
 * An alert to raise. {@code conditionKey} names the open condition it reports: while an alert for the same condition
 * is open (not acknowledged, not resolved) a new one only counts as another occurrence of it.
 *
 * @param runId the run that raised it, or null (the watchdog)
 */
public record NewAlert(Severity severity, AlertType type, String conditionKey, String message,
                       Map<String, Object> details, UUID runId) {

    public NewAlert {
        details = Map.copyOf(details);
    }

    /** An alert whose condition is its type. */
    public static NewAlert of(Severity severity, AlertType type, String message, Map<String, Object> details, UUID runId) {
        return new NewAlert(severity, type, type.code(), message, details, runId);
    }
}
