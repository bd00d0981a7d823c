package io.sheetsync.api;

import java.util.Map;

/**
 * An answer other than success, with its HTTP status, error code and a message safe to show the caller.
 * {@code extra} adds fields to the JSON error body (e.g. the running sync's status on a 409).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Map<String, Object> extra;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, Object> extra) {
        super(message);
        this.status = status;
        this.code = code;
        // a null stays: {"field": null} says the body as a whole is wrong
        this.extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    public static ApiException badRequest(String field, String problem) {
        return new ApiException(400, "invalid_request", field + ": " + problem, Map.of("field", field));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
