package io.sheetsync.api;

import io.sheetsync.audit.ErrorType;
import io.sheetsync.plan.Plan;
import io.sheetsync.recovery.ErrorClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/** POST /api/sync/plan: the plan of the next sync (CONTRACT section 7), or why none could be made. */
public final class PlanApi {

    private static final Logger LOG = LoggerFactory.getLogger(PlanApi.class);

    private final ErrorClassifier classifier;
    private final JsonResponses responses;

    public PlanApi(ErrorClassifier classifier, JsonResponses responses) {
        this.classifier = classifier;
        this.responses = responses;
    }

    /** 200 with the plan the route computed. */
    public void planned(Exchange exchange) {
        responses.write(exchange, 200, exchange.getMessage().getBody(Plan.class));
    }

    /**
     * 503 {@code plan_failed}: the sheet could not be read (its reason, secrets masked) or the database could not be
     * (a generic reason: no SQL reaches the caller; the log has it).
     */
    public void failed(Exchange exchange, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        LOG.warn("plan failed: {}", classifier.safeMessage(error));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "plan_failed");
        body.put("message", classifier.classify(error) == ErrorType.DATABASE
                ? "the database could not be read for the plan; the service log has the details"
                : "the plan could not be made: " + classifier.safeMessage(error));
        responses.write(exchange, 503, body);
    }
}
