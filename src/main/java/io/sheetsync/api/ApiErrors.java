package io.sheetsync.api;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns any failure of an API route into {@code {"error", "message"}} with the right status. Unexpected errors are
 * logged in full here and answered with a generic 500: no stack trace, SQL, token or password reaches the caller.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final JsonResponses responses;

    public ApiErrors(JsonResponses responses) {
        this.responses = responses;
    }

    public void respond(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (error instanceof ApiException api) {
            status = api.status();
            body.put("error", api.code());
            body.put("message", api.getMessage());
            body.putAll(api.extra());
        } else {
            status = 500;
            LOG.error("API request {} {} failed", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_PATH), error);
            body.put("error", "internal_error");
            body.put("message", "the request could not be completed; the service log has the details");
        }
        responses.write(exchange, status, body);
    }
}
