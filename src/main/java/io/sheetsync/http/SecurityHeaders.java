package io.sheetsync.http;

import io.vertx.core.http.HttpServerResponse;

import java.util.Map;

/**
 * Headers on every answer, so the dashboard can neither be framed (clickjacking) nor run script from elsewhere, and
 * no answer is sniffed into another content type.
 */
final class SecurityHeaders {

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private SecurityHeaders() {
    }

    static void apply(HttpServerResponse response) {
        HEADERS.forEach((name, value) -> {
            if (!response.headers().contains(name)) {
                response.putHeader(name, value);
            }
        });
    }
}
