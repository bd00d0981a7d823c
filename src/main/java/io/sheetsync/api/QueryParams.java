package io.sheetsync.api;

import org.apache.camel.Exchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The parameters of one API call: its query parameters, read from the raw query string, and its id path parameters. A parameter the endpoint does not know, or
 * one given twice, is a 400 naming it: a mistyped filter ({@code sucess=true}) must not silently widen an answer.
 */
public final class QueryParams {

    private final Map<String, String> values;

    QueryParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The parameters of the call, allowing only {@code allowed}. */
    public static QueryParams of(Exchange exchange, String... allowed) {
        return parse(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class), Set.of(allowed));
    }

    static QueryParams parse(String query, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return new QueryParams(values);
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), "query");
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), name);
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(name, "is not a parameter of this endpoint (it takes "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList())) + ")");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw ApiException.badRequest(name, "is given more than once");
            }
        }
        return new QueryParams(values);
    }

    /** The value as sent, if the parameter is there (possibly empty). */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Every parameter given, by name. */
    public Map<String, String> asMap() {
        return values;
    }

    /** A whole number from {@code min} to {@code max}, or {@code defaultValue} when the parameter is absent. */
    public int integer(String name, int defaultValue, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        String problem = "must be a whole number from " + min + " to " + max + ", was '" + value + "'";
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, problem);
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest(name, problem);
        }
        return parsed;
    }

    /** {@code true} or {@code false}, or null when the parameter is absent. */
    public Boolean bool(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name, "must be true or false, was '" + value + "'");
        };
    }

    /** A path parameter that names something by its id (a UUID); a 400 naming it when it is not one. */
    public static UUID pathId(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest(name, "must be an id (a UUID), was '" + value + "'");
        }
    }

    private static String decode(String text, String field) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "is not correctly URL-encoded");
        }
    }
}
