package io.sheetsync.alert;

/** {@code sync_alerts.severity}. */
public enum Severity {
    HIGH, MEDIUM, LOW;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
