package io.sheetsync.audit;

/** What started a run, as stored in {@code sync_audit_logs.trigger_source}. */
public enum TriggerSource {
    SCHEDULED, MANUAL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TriggerSource fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
