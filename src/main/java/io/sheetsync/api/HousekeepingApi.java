package io.sheetsync.api;

import io.sheetsync.housekeeping.HousekeepingResult;
import org.apache.camel.Body;
import org.apache.camel.Exchange;

/** POST /api/housekeeping: answers what the housekeeping run the route just did removed, archived, rolled up. */
public final class HousekeepingApi {

    private final JsonResponses responses;

    public HousekeepingApi(JsonResponses responses) {
        this.responses = responses;
    }

    /** 200 with the result; 409 when housekeeping was already running (here or elsewhere) and this call did nothing. */
    public void answer(@Body HousekeepingResult result, Exchange exchange) {
        if (result.skipped()) {
            throw new ApiException(409, "housekeeping_in_progress",
                    "housekeeping is already running (on this or another instance); its log line will say what it did");
        }
        responses.write(exchange, 200, result);
    }
}
