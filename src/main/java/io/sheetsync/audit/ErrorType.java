package io.sheetsync.audit;

/** The error categories of the seed design, as stored in {@code sync_error_logs.error_type}. */
public enum ErrorType {
    NETWORK, VALIDATION, DATABASE, UNKNOWN;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ErrorType fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
