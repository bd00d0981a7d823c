package io.sheetsync.alert;

import java.time.Instant;

/** A stored alert as the API answers it (seed SyncAlert). {@code details} is the stored JSON text. */
public record Alert(String id, String severity, String type, String message, String details, Instant timestamp,
                    boolean acknowledged, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt,
                    int occurrences, String syncId) {
}
