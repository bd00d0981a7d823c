package io.sheetsync.api;

import io.sheetsync.metrics.SyncMetricsService;
import org.apache.camel.Exchange;

import java.sql.SQLException;

/** GET /api/metrics?days: run statistics over the last days (CONTRACT section 3). */
public final class MetricsApi {

    /** The window when {@code days} is not given. */
    public static final int DEFAULT_DAYS = 7;

    private final SyncMetricsService metrics;
    private final JsonResponses responses;

    public MetricsApi(SyncMetricsService metrics, JsonResponses responses) {
        this.metrics = metrics;
        this.responses = responses;
    }

    public void metrics(Exchange exchange) throws SQLException {
        int days = QueryParams.of(exchange, "days").integer("days", DEFAULT_DAYS, 1, 365);
        responses.write(exchange, 200, metrics.aggregate(days));
    }
}
