package io.sheetsync.api;

import org.apache.camel.Exchange;

import java.util.Map;

/**
 * GET /api/session: the role the caller's token grants, so the dashboard offers only what that role may do (no
 * "Sync now" for a viewer, no settings panel below admin) instead of letting the API refuse it.
 */
public final class SessionApi {

    private final JsonResponses responses;

    public SessionApi(JsonResponses responses) {
        this.responses = responses;
    }

    public void session(Exchange exchange) {
        QueryParams.of(exchange);
        Role role = exchange.getProperty(ApiAuth.CALLER_ROLE, Role.class);
        responses.write(exchange, 200, Map.of("role", role.code()));
    }
}
