package io.sheetsync.verify;

import io.sheetsync.db.UtcTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.UUID;

/**
 * The SQL of {@code sync_gaps}: every gap a run found, with its timestamp and whether the resync healed it. The route
 * writes it through its {@code jdbc:} endpoint; this class prepares the one statement for all gaps of a run.
 */
public final class GapRecords {

    private static final String INSERT = """
            INSERT INTO sync_gaps (audit_log_id, seller_number, detected_at, resynced, checked_at)
            SELECT CAST(:?runId AS uuid), k, :?detectedAt,
              CASE WHEN :?resyncAttempted THEN NOT (k = ANY(string_to_array(:?remaining, ','))) END, :?checkedAt
            FROM unnest(string_to_array(:?keys, ',')) AS k""";

    /** Turns the run's verification into the insert statement and its parameters. */
    public void insertStatement(Exchange exchange, UUID runId, Verification verification) {
        Message message = exchange.getMessage();
        // Seller numbers are AA and digits, so a comma-joined list is unambiguous.
        message.setHeader("runId", runId.toString());
        message.setHeader("keys", String.join(",", verification.gapsDetected()));
        message.setHeader("remaining", String.join(",", verification.remainingGaps()));
        message.setHeader("resyncAttempted", verification.autoResyncAttempted());
        message.setHeader("detectedAt", UtcTime.of(verification.timestamp()));
        message.setHeader("checkedAt", UtcTime.of(verification.timestamp()));
        message.setBody(INSERT);
    }
}
