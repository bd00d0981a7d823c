package io.sheetsync.support;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;

/** The Sheets circuit breaker that route {@code fetch-sheet} declares, as its Camel processor holds it. */
public final class SheetsBreaker {

    /** The id of the {@code circuitBreaker} step in {@code routes/sync.camel.yaml}. */
    public static final String ID = "sheets-circuit-breaker";

    private SheetsBreaker() {
    }

    public static CircuitBreaker of(CamelContext context) {
        return context.getProcessor(ID, ResilienceProcessor.class).getCircuitBreaker();
    }
}
