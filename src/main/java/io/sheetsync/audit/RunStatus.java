package io.sheetsync.audit;

/** {@code sync_audit_logs.status}. */
public enum RunStatus {
    IN_PROGRESS, COMPLETED, FAILED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RunStatus fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
