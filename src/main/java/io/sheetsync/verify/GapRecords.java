package io.sheetsync.verify;

import io.sheetsync.db.RunRows;
import io.sheetsync.db.UtcTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of {@code sync_gaps}: every gap a run found, with its timestamp and whether the resync healed it. The route
 * writes it through its {@code jdbc:} endpoint; this class prepares the one statement for all gaps of a run.
 * Housekeeping reads and removes the gaps of runs past retention here, on its own transaction's connection.
 */
public final class GapRecords {

    private static final String INSERT = """
            INSERT INTO sync_gaps (audit_log_id, seller_number, detected_at, resynced, checked_at)
            SELECT CAST(:?runId AS uuid), k, :?detectedAt,
              CASE WHEN :?resyncAttempted THEN NOT (k = ANY(string_to_array(:?remaining, ','))) END, :?checkedAt
            FROM unnest(string_to_array(:?keys, ',')) AS k""";

    private static final String GAPS_AS_JSON = """
            SELECT g.audit_log_id, row_to_json(g)::text FROM sync_gaps g WHERE g.audit_log_id = ANY(?)
            ORDER BY g.detected_at, g.seller_number""";

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

    /** The gaps of the runs as JSON documents, by run (for housekeeping's archive). */
    public Map<UUID, List<String>> gapsAsJson(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.json(connection, GAPS_AS_JSON, runs);
    }

    public int deleteGaps(Connection connection, Collection<UUID> runs) throws SQLException {
        return RunRows.update(connection, "DELETE FROM sync_gaps WHERE audit_log_id = ANY(?)", runs);
    }
}
