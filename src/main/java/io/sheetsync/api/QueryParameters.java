package io.sheetsync.api;

import org.apache.camel.Exchange;

import java.util.UUID;

/** Reads and validates request parameters, answering 400 with the parameter's name when one is wrong. */
final class QueryParameters {

    private QueryParameters() {
    }

    static String text(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static int integer(Exchange exchange, String name, int defaultValue, int min, int max) {
        String value = text(exchange, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw ApiException.badRequest(name, "must be a whole number from " + min + " to " + max);
    }

    static Boolean bool(Exchange exchange, String name) {
        String value = text(exchange, name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name, "must be true or false");
        };
    }

    static UUID uuid(Exchange exchange, String name) {
        String value = text(exchange, name);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.badRequest(name, "must be an id (a UUID)");
        }
    }
}
