package io.sheetsync.api;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the bearer token of an API call against the role tokens and the named tokens: 401 without a valid token,
 * 403 when its role is too low, 429 while the caller's address is slowed down after failed tries. The caller's role
 * is left in the exchange property {@code callerRole}, its name (for the audit trail) in {@code callerName}.
 */
public final class ApiAuth {

    public static final String CALLER_ROLE = "callerRole";
    public static final String CALLER_NAME = "callerName";

    private static final Logger LOG = LoggerFactory.getLogger(ApiAuth.class);

    private final ConfigProvider config;
    private final NamedTokens named;
    private final AuthThrottle throttle;

    public ApiAuth(ConfigProvider config, NamedTokens named, AuthThrottle throttle) {
        this.config = config;
        this.named = named;
        this.throttle = throttle;
    }

    public void requireViewer(Exchange exchange) {
        require(exchange, Role.VIEWER);
    }

    public void requireOperator(Exchange exchange) {
        require(exchange, Role.OPERATOR);
    }

    public void requireAdmin(Exchange exchange) {
        require(exchange, Role.ADMIN);
    }

    /** The name the audit trail records for the caller of this exchange ({@link #CALLER_NAME}). */
    public static String callerName(Exchange exchange) {
        String name = exchange.getProperty(CALLER_NAME, String.class);
        return name == null ? "unknown" : name;
    }

    void require(Exchange exchange, Role required) {
        String address = ClientAddress.of(exchange);
        Optional<Duration> wait = throttle.waitFor(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiException(429, "too_many_failures", "too many failed authentications from your address;"
                    + " try again in " + seconds + " s", Map.of("retryAfterSeconds", seconds));
        }
        // platform-http copies query parameters into headers: ?Authorization=... would pass as the header. A token
        // in a URL ends up in access logs and browser history, so it is refused, and counts as a failed try.
        if (tokenInQuery(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class))) {
            throw failure(exchange, address, "a token in the query string",
                    "tokens are accepted only in the Authorization header, never in the URL");
        }
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        Optional<String> token = bearer(header);
        if (token.isEmpty()) {
            throw new ApiException(401, "unauthorized", "a valid token is required: send 'Authorization: Bearer <token>'");
        }
        Caller caller = callerOf(token.get()).orElseThrow(() -> failure(exchange, address, "an unknown token",
                "a valid token is required: send 'Authorization: Bearer <token>'"));
        throttle.succeeded(address);
        if (!caller.role().includes(required)) {
            throw new ApiException(403, "forbidden", "this needs the " + required.code() + " role; your token has "
                    + caller.role().code());
        }
        exchange.setProperty(CALLER_ROLE, caller.role());
        exchange.setProperty(CALLER_NAME, caller.name());
    }

    private ApiException failure(Exchange exchange, String address, String what, String message) {
        int inARow = throttle.failed(address);
        // never the token itself: a typo of a real one is nearly the real one
        LOG.warn("authentication failed: {} from {} ({} {}), {} in a row{}", what, address,
                exchange.getMessage().getHeader(Exchange.HTTP_METHOD), exchange.getMessage().getHeader(Exchange.HTTP_PATH),
                inARow, inARow >= AuthThrottle.FREE_FAILURES
                        ? "; its next try waits " + AuthThrottle.waitAfter(inARow).toSeconds() + " s" : "");
        return new ApiException(401, "unauthorized", message);
    }

    /** The caller a bearer token stands for, role tokens first (from the highest role down), then named tokens. */
    Optional<Caller> callerOf(String token) {
        SyncConfig.Tokens tokens = config.current().tokens();
        if (matches(token, tokens.admin())) {
            return Optional.of(new Caller(Role.ADMIN.code(), Role.ADMIN));
        }
        if (matches(token, tokens.operator())) {
            return Optional.of(new Caller(Role.OPERATOR.code(), Role.OPERATOR));
        }
        if (matches(token, tokens.viewer())) {
            return Optional.of(new Caller(Role.VIEWER.code(), Role.VIEWER));
        }
        return named.callerOf(token);
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** Whether the raw query string has a parameter named Authorization (any case, encoded or not). */
    static boolean tokenInQuery(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            try {
                name = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // undecodable: compared as written
            }
            if (name.trim().equalsIgnoreCase("authorization")) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String given, String expected) {
        return expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
