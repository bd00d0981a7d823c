package io.sheetsync.http;

import io.sheetsync.config.HttpSettings;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The service's own rules at the HTTP server, ahead of every route, the REST API's auth and Camel's health and
 * static handlers: request limits ({@link RequestLimits}), security headers on every answer, only the dashboard's
 * own files served outside {@code /api} and {@code /observe}, and health details for local callers only.
 * Installed on the Vert.x router as soon as the server has made it, while the context starts: before any route.
 */
public final class HttpEdge extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);
    /** Ahead of every route Camel adds to the router. */
    private static final int FIRST = Integer.MIN_VALUE;

    private final CamelContext context;
    private final int port;
    private final RequestLimits limits;
    private final HealthExposure health;
    private volatile boolean installed;

    public HttpEdge(CamelContext context, HttpSettings settings, int port) {
        this.context = context;
        this.port = port;
        this.limits = new RequestLimits(settings.maxBodyBytes());
        this.health = new HealthExposure(context);
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextEvent && !installed;
    }

    @Override
    public void notify(CamelEvent event) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return; // no HTTP server (--once)
        }
        install(router);
        installed = true;
        LOG.debug("HTTP limits and security headers installed");
    }

    void install(Router router) {
        router.route().order(FIRST).handler(this::guard).failureHandler(this::failed);
        router.route("/observe/health*").order(FIRST + 1).blockingHandler(health::handle, false);
    }

    private void guard(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        routing.addHeadersEndHandler(ignored -> SecurityHeaders.apply(routing.response()));
        var refusal = limits.check(request.getHeader("Content-Length"), request.getHeader("Content-Type"));
        if (refusal.isPresent()) {
            // the body is never read; closing the connection stops the sender instead of draining it
            routing.response().putHeader("Connection", "close");
            answer(routing, refusal.get());
            return;
        }
        if (!StaticFiles.allowed(routing.normalizedPath())) {
            answer(routing, new RequestLimits.Refusal(404, "not_found", "no such page"));
            return;
        }
        routing.next();
    }

    /** A chunked body over the limit, cut off by the body handler. */
    private void failed(RoutingContext routing) {
        if (routing.statusCode() == 413 && !routing.response().ended()) {
            routing.response().putHeader("Connection", "close");
            answer(routing, limits.tooLarge());
            return;
        }
        routing.next();
    }

    private static void answer(RoutingContext routing, RequestLimits.Refusal refusal) {
        String body = io.vertx.core.json.Json.encode(Map.of("error", refusal.code(), "message", refusal.message()));
        routing.response().setStatusCode(refusal.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body);
    }
}
