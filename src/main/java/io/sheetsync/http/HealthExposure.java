package io.sheetsync.http;

import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import java.util.Collection;

/**
 * {@code /observe/health} in full only for local callers: anyone else gets the one-line answer ({@code UP} or
 * {@code DOWN}, 200 or 503), because the checks' messages name the database host, file paths and Google's error
 * text. Camel's own handler takes {@code ?exposureLevel=full} from the caller, so the answer is made here.
 */
final class HealthExposure {

    private final CamelContext context;

    HealthExposure(CamelContext context) {
        this.context = context;
    }

    /** Runs on a worker thread: the checks query the database. */
    void handle(RoutingContext routing) {
        String remote = routing.request().remoteAddress() == null ? null : routing.request().remoteAddress().hostAddress();
        boolean forwarded = routing.request().headers().contains("Forwarded")
                || routing.request().headers().contains("X-Forwarded-For");
        if (Callers.isLocal(remote, forwarded)) {
            routing.next();
            return;
        }
        String path = routing.normalizedPath();
        Collection<HealthCheck.Result> results = path.endsWith("/live") ? HealthCheckHelper.invokeLiveness(context)
                : path.endsWith("/ready") ? HealthCheckHelper.invokeReadiness(context)
                : HealthCheckHelper.invoke(context);
        // as Camel decides: DOWN when any check is DOWN
        boolean down = results.stream().anyMatch(result -> result.getState() == HealthCheck.State.DOWN);
        routing.response().setStatusCode(down ? 503 : 200)
                .putHeader("Content-Type", "application/json")
                .end(down ? "{\"status\":\"DOWN\"}" : "{\"status\":\"UP\"}");
    }
}
