package io.sheetsync.api;

import io.sheetsync.dashboard.DashboardService;
import org.apache.camel.Exchange;

import java.sql.SQLException;

/** GET /api/dashboard: the health dashboard's data, a failed run's error text in it for admins only. */
public final class DashboardApi {

    private final DashboardService dashboard;
    private final JsonResponses responses;

    public DashboardApi(DashboardService dashboard, JsonResponses responses) {
        this.dashboard = dashboard;
        this.responses = responses;
    }

    public void dashboard(Exchange exchange) throws SQLException {
        QueryParams.of(exchange);
        responses.write(exchange, 200, dashboard.dashboard(ErrorDisclosure.of(exchange).fullText()));
    }
}
