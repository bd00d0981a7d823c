package io.sheetsync.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sheetsync.audit.ErrorKind;

/**
 * An alert as callers below admin see it: a run's error text, quoted in the message and kept in the details'
 * {@code error}, is replaced by the sentence of its category and SQLSTATE, which stay in the details
 * ({@code errorCategory}, {@code sqlState}). The text may name database hosts, file paths, Google's answers or SQL.
 * An alert from before categories were stored reads as {@code unknown}.
 */
public final class AlertRedaction {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertRedaction() {
    }

    public static Alert withoutErrorText(Alert alert) {
        ObjectNode details = details(alert.details());
        if (details == null || !details.path("error").isTextual()) {
            return alert;
        }
        String error = details.remove("error").asText();
        ErrorKind kind = kind(details);
        details.put("errorCategory", kind.category());
        details.put("sqlState", kind.sqlState());
        String message = error.isEmpty() ? alert.message() : alert.message().replace(error, kind.description());
        return new Alert(alert.id(), alert.severity(), alert.type(), message, details.toString(), alert.timestamp(),
                alert.acknowledged(), alert.acknowledgedAt(), alert.acknowledgedBy(), alert.resolvedAt(),
                alert.occurrences(), alert.syncId());
    }

    private static ObjectNode details(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readTree(stored) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null; // the column is jsonb: only a hand-edited row could get here, and it has no error to hide
        }
    }

    private static ErrorKind kind(JsonNode details) {
        JsonNode category = details.path("errorCategory");
        JsonNode sqlState = details.path("sqlState");
        try {
            return category.isTextual() ? new ErrorKind(category.asText(), sqlState.isTextual() ? sqlState.asText() : null)
                    : ErrorKind.UNKNOWN;
        } catch (IllegalArgumentException e) {
            return ErrorKind.UNKNOWN;
        }
    }
}
