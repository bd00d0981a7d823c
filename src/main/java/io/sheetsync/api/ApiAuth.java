package io.sheetsync.api;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.Exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks the bearer token of an API call against the configured role tokens: 401 without a valid token, 403 when
 * the token's role is too low. The caller's role is left in the exchange property {@code callerRole}.
 */
public final class ApiAuth {

    public static final String CALLER_ROLE = "callerRole";

    private final ConfigProvider config;

    public ApiAuth(ConfigProvider config) {
        this.config = config;
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

    void require(Exchange exchange, Role required) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        Role role = roleOf(header).orElseThrow(() -> new ApiException(401, "unauthorized",
                "a valid token is required: send 'Authorization: Bearer <token>'"));
        if (!role.includes(required)) {
            throw new ApiException(403, "forbidden", "this needs the " + required.code() + " role; your token has "
                    + role.code());
        }
        exchange.setProperty(CALLER_ROLE, role);
    }

    /** The role a header's bearer token grants, if any. */
    Optional<Role> roleOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        SyncConfig.Tokens tokens = config.current().tokens();
        // Checked from the highest role down, so a token configured for two roles gets the higher one.
        if (matches(token, tokens.admin())) {
            return Optional.of(Role.ADMIN);
        }
        if (matches(token, tokens.operator())) {
            return Optional.of(Role.OPERATOR);
        }
        if (matches(token, tokens.viewer())) {
            return Optional.of(Role.VIEWER);
        }
        return Optional.empty();
    }

    private static boolean matches(String given, String expected) {
        return expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
