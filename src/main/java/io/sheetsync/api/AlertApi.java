package io.sheetsync.api;

import io.sheetsync.alert.Alert;
import io.sheetsync.alert.AlertRedaction;
import io.sheetsync.alert.AlertRepository;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The alert endpoints: recent alerts, and acknowledging one (recording who did, and when). A run's error text in an
 * alert is for admins only ({@link AlertRedaction}).
 */
public final class AlertApi {

    private static final Logger LOG = LoggerFactory.getLogger(AlertApi.class);
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final AlertRepository alerts;
    private final JsonResponses responses;

    public AlertApi(AlertRepository alerts, JsonResponses responses) {
        this.alerts = alerts;
        this.responses = responses;
    }

    /** GET /api/alerts?limit&acknowledged: newest first. */
    public void list(Exchange exchange) throws SQLException {
        QueryParams params = QueryParams.of(exchange, "limit", "acknowledged");
        int limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Boolean acknowledged = params.bool("acknowledged");
        List<Alert> found = alerts.recent(limit, acknowledged);
        responses.write(exchange, 200, ErrorDisclosure.of(exchange).fullText() ? found
                : found.stream().map(AlertRedaction::withoutErrorText).toList());
    }

    /** POST /api/alerts/{id}/acknowledge: records who acknowledged (the token's name, or its role). */
    public void acknowledge(Exchange exchange) throws SQLException {
        QueryParams.of(exchange);
        UUID id = QueryParams.pathId(exchange, "id");
        Alert alert = alerts.acknowledge(id, ApiAuth.callerName(exchange)).orElseThrow(() -> ApiException.notFound("alert " + id));
        LOG.info("alert {} ({} {}) acknowledged by {}", id, alert.severity(), alert.type(), alert.acknowledgedBy());
        responses.write(exchange, 200, ErrorDisclosure.of(exchange).fullText() ? alert
                : AlertRedaction.withoutErrorText(alert));
    }
}
