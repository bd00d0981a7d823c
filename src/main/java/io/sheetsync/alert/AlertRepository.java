package io.sheetsync.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.db.StorableText;
import io.sheetsync.db.UtcTime;
import io.sheetsync.sheet.SheetField;
import io.sheetsync.sync.ColumnConsent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * All SQL on {@code sync_alerts}. Raising goes through the route's {@code jdbc:} endpoint: this class prepares the
 * statement and reads its answer; reading, acknowledging and resolving run here.
 */
public final class AlertRepository {

    /** The exchange property holding the {@link NewAlert} being raised. */
    public static final String RAISING = "raisingAlert";

    // One open alert per condition: a repeat only counts as another occurrence (and is not logged or mailed again).
    private static final String RAISE = """
            INSERT INTO sync_alerts (severity, type, condition_key, message, details, audit_log_id, created_at,
              last_seen_at)
            VALUES (:?severity, :?type, :?conditionKey, :?message, CAST(:?details AS jsonb), CAST(:?runId AS uuid),
              :?createdAt, :?lastSeenAt)
            ON CONFLICT (condition_key) WHERE NOT acknowledged AND resolved_at IS NULL
            DO UPDATE SET occurrences = sync_alerts.occurrences + 1, last_seen_at = EXCLUDED.last_seen_at,
              message = EXCLUDED.message, details = EXCLUDED.details, audit_log_id = EXCLUDED.audit_log_id
            RETURNING id::text AS id, created_at, details::text AS details, (xmax = 0) AS inserted""";

    private static final String COLUMNS = """
            id::text, severity, type, message, details::text, created_at, acknowledged, acknowledged_at,
            acknowledged_by, resolved_at, occurrences, audit_log_id::text""";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    public AlertRepository(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    /** Turns the {@link NewAlert} body into the raise statement and its parameters for {@code jdbc:}. */
    public void raiseStatement(Exchange exchange) throws JsonProcessingException {
        NewAlert alert = exchange.getMessage().getBody(NewAlert.class);
        exchange.setProperty(RAISING, alert);
        LocalDateTime now = UtcTime.of(clock.instant());
        Message message = exchange.getMessage();
        message.setHeader("severity", alert.severity().code());
        message.setHeader("type", alert.type().code());
        message.setHeader("conditionKey", alert.conditionKey());
        message.setHeader("message", StorableText.of(alert.message()));
        message.setHeader("details", StorableText.of(json.writeValueAsString(alert.details())));
        message.setHeader("runId", alert.runId() == null ? null : alert.runId().toString());
        message.setHeader("createdAt", now);
        message.setHeader("lastSeenAt", now);
        message.setBody(RAISE);
    }

    /** Reads the {@code jdbc:} answer: the stored alert when it is new, or null when it repeated an open one. */
    public Alert raised(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        Map<String, Object> row = rows.get(0);
        if (!Boolean.TRUE.equals(row.get("inserted"))) {
            return null;
        }
        NewAlert alert = exchange.getProperty(RAISING, NewAlert.class);
        Instant created = row.get("created_at") instanceof java.sql.Timestamp stamp
                ? UtcTime.instant(stamp.toLocalDateTime()) : clock.instant();
        return new Alert((String) row.get("id"), alert.severity().code(), alert.type().code(), alert.message(),
                (String) row.get("details"), created, false, null, null, null, 1, alert.runId() == null ? null : alert.runId().toString());
    }

    /** Alerts newest first; {@code acknowledged} null means both. */
    public List<Alert> recent(int limit, Boolean acknowledged) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM sync_alerts"
                + (acknowledged == null ? "" : " WHERE acknowledged = ?") + " ORDER BY created_at DESC, id LIMIT ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (acknowledged != null) {
                statement.setBoolean(index++, acknowledged);
            }
            statement.setInt(index, limit);
            return read(statement);
        }
    }

    /** Open alerts: neither acknowledged nor resolved. */
    public List<Alert> open() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM sync_alerts WHERE NOT acknowledged AND resolved_at IS NULL ORDER BY created_at DESC")) {
            return read(statement);
        }
    }

    public Optional<Alert> find(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM sync_alerts WHERE id = ?")) {
            statement.setObject(1, id);
            return read(statement).stream().findFirst();
        }
    }

    /**
     * Marks an alert acknowledged by {@code by}; acknowledging twice keeps the first who did.
     *
     * @return the alert, or empty when there is no such alert
     */
    public Optional<Alert> acknowledge(UUID id, String by) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_alerts SET acknowledged = TRUE, acknowledged_at = ?, acknowledged_by = ?
                     WHERE id = ? AND NOT acknowledged""")) {
            statement.setObject(1, UtcTime.of(clock.instant()));
            statement.setString(2, StorableText.of(by));
            statement.setObject(3, id);
            statement.executeUpdate();
        }
        return find(id);
    }

    /**
     * The column_vanished alerts an operator acknowledged whose last occurrence came from a run started at or after
     * {@code since}, with the fields each named: the consents of {@link io.sheetsync.sync.ColumnGuard}. An alert
     * acknowledged by housekeeping (its age alone) is nobody's consent.
     */
    public List<ColumnConsent> columnConsents(Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT a.id::text, a.acknowledged_by, lost.column_data->>'field'
                     FROM sync_alerts a JOIN sync_audit_logs r ON r.id = a.audit_log_id
                       CROSS JOIN LATERAL jsonb_array_elements(a.details->'columns') AS lost(column_data)
                     WHERE a.type = ? AND a.acknowledged AND a.acknowledged_by IS DISTINCT FROM 'housekeeping'
                       AND r.start_time >= ?
                     ORDER BY a.acknowledged_at, a.id""")) {
            statement.setString(1, AlertType.COLUMN_VANISHED.code());
            statement.setObject(2, UtcTime.of(since));
            Map<String, ColumnConsent> consents = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    String by = rows.getString(2) == null ? "an operator" : rows.getString(2);
                    Set<SheetField> fields = EnumSet.noneOf(SheetField.class);
                    if (consents.containsKey(id)) {
                        fields.addAll(consents.get(id).fields());
                    }
                    SheetField.byId(rows.getString(3)).ifPresent(fields::add);
                    consents.put(id, new ColumnConsent(id, fields, by));
                }
            }
            return List.copyOf(consents.values());
        }
    }

    /**
     * Acknowledges, in {@code by}'s name, the open alerts raised before {@code cutoff} (housekeeping's auto-ack): an
     * alert nobody looked at for that long is noise. A condition that still holds raises a fresh alert next time.
     *
     * @return how many alerts it acknowledged
     */
    public int acknowledgeOpenRaisedBefore(Instant cutoff, String by) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_alerts SET acknowledged = TRUE, acknowledged_at = ?, acknowledged_by = ?
                     WHERE NOT acknowledged AND resolved_at IS NULL AND created_at < ?""")) {
            statement.setObject(1, UtcTime.of(clock.instant()));
            statement.setString(2, by);
            statement.setObject(3, UtcTime.of(cutoff));
            return statement.executeUpdate();
        }
    }

    /** Closes the open alerts of conditions that no longer hold (e.g. a run completed without gaps). */
    public int resolve(Collection<String> conditionKeys) throws SQLException {
        if (conditionKeys.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     UPDATE sync_alerts SET resolved_at = ?
                     WHERE condition_key = ANY(?) AND NOT acknowledged AND resolved_at IS NULL""")) {
            statement.setObject(1, UtcTime.of(clock.instant()));
            statement.setArray(2, connection.createArrayOf("varchar", conditionKeys.toArray()));
            return statement.executeUpdate();
        }
    }

    private static List<Alert> read(PreparedStatement statement) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                alerts.add(new Alert(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), UtcTime.instant(rows.getObject(6, LocalDateTime.class)), rows.getBoolean(7),
                        UtcTime.instant(rows.getObject(8, LocalDateTime.class)), rows.getString(9),
                        UtcTime.instant(rows.getObject(10, LocalDateTime.class)), rows.getInt(11), rows.getString(12)));
            }
        }
        return alerts;
    }
}
