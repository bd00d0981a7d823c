package io.sheetsync.settings;

import io.sheetsync.config.SyncConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A setting that can change while the service runs ({@code PUT /api/config}, CONTRACT sections 2 and 3): its name in
 * the API's shape (a dotted path inside a group, such as {@code retryConfig.maxDelayMs}), the start-up key it
 * overrides, the JSON type it takes, and how to read it from a {@link SyncConfig}. A value set through the API is
 * validated by {@link SyncConfig#load} exactly as the start-up value would be, plus the API's own minimum.
 */
public enum RuntimeSetting {
    SYNC_INTERVAL_MINUTES("syncIntervalMinutes", "SYNC_INTERVAL_MINUTES", Type.INTEGER, 1,
            SyncConfig::intervalMinutes),
    CONSECUTIVE_FAILURE_THRESHOLD("consecutiveFailureThreshold", "SYNC_CONSECUTIVE_FAILURE_THRESHOLD", Type.INTEGER, 1,
            config -> config.alerts().consecutiveFailureThreshold()),
    SYNC_GAP_THRESHOLD("syncGapThreshold", "SYNC_GAP_ALERT_THRESHOLD", Type.INTEGER, 1,
            config -> config.alerts().gapThreshold()),
    NO_SYNC_THRESHOLD_MINUTES("noSyncThresholdMinutes", "SYNC_NO_SYNC_ALERT_MINUTES", Type.INTEGER, 1,
            config -> config.alerts().noSyncMinutes()),
    AUTO_RECOVERY_ENABLED("autoRecoveryEnabled", "SYNC_AUTO_RESYNC", Type.BOOLEAN, 0,
            config -> config.alerts().autoResync()),
    MAX_RETRIES("retryConfig.maxRetries", "SYNC_RETRY_MAX", Type.INTEGER, 0,
            config -> config.recovery().retryMax()),
    INITIAL_DELAY_MS("retryConfig.initialDelayMs", "SYNC_RETRY_INITIAL_DELAY_MS", Type.INTEGER, 1,
            config -> config.recovery().initialDelayMs()),
    MAX_DELAY_MS("retryConfig.maxDelayMs", "SYNC_RETRY_MAX_DELAY_MS", Type.INTEGER, 1,
            config -> config.recovery().maxDelayMs()),
    BACKOFF_MULTIPLIER("retryConfig.backoffMultiplier", "SYNC_RETRY_BACKOFF_MULTIPLIER", Type.DECIMAL, 1,
            config -> config.recovery().backoffMultiplier()),
    EMAIL_ENABLED("alertConfig.emailEnabled", "SYNC_ALERT_EMAIL_ENABLED", Type.BOOLEAN, 0,
            config -> config.mail().alertsEnabled()),
    EMAIL_RECIPIENTS("alertConfig.emailRecipients", "SYNC_ALERT_EMAILS", Type.ADDRESSES, 0,
            config -> config.mail().recipients()),
    MAX_SHRINK_PERCENT("maxShrinkPercent", "SYNC_MAX_SHRINK_PERCENT", Type.INTEGER, 0,
            SyncConfig::maxShrinkPercent),
    RUN_TIMEOUT_MINUTES("runTimeoutMinutes", "SYNC_RUN_TIMEOUT_MINUTES", Type.INTEGER, 1,
            SyncConfig::runTimeoutMinutes),
    DEGRADATION_FACTOR("degradationFactor", "SYNC_DEGRADATION_FACTOR", Type.DECIMAL, 1,
            SyncConfig::degradationFactor),
    RETENTION_DAYS("retention.retentionDays", "SYNC_RETENTION_DAYS", Type.INTEGER, 1,
            config -> config.retention().retentionDays()),
    METRICS_ROLLUP_DAYS("retention.metricsRollupDays", "SYNC_METRICS_ROLLUP_DAYS", Type.INTEGER, 1,
            config -> config.retention().metricsRollupDays()),
    ALERT_AUTO_ACK_DAYS("retention.alertAutoAckDays", "SYNC_ALERT_AUTO_ACK_DAYS", Type.INTEGER, 1,
            config -> config.retention().alertAutoAckDays());

    /** The JSON type a setting takes in the API. */
    public enum Type {
        INTEGER("an integer"), DECIMAL("a number"), BOOLEAN("true or false"),
        ADDRESSES("a list of e-mail addresses");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String path;
    private final String key;
    private final Type type;
    private final double minimum;
    private final Function<SyncConfig, Object> reader;

    RuntimeSetting(String path, String key, Type type, double minimum, Function<SyncConfig, Object> reader) {
        this.path = path;
        this.key = key;
        this.type = type;
        this.minimum = minimum;
        this.reader = reader;
    }

    /** The name in the API, e.g. {@code retryConfig.maxDelayMs}. */
    public String path() {
        return path;
    }

    /** The start-up key it overrides, e.g. {@code SYNC_RETRY_MAX_DELAY_MS}. */
    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** The smallest number the API takes (numbers only). */
    public double minimum() {
        return minimum;
    }

    /** The group in the API's shape ({@code retryConfig}), or null for a top-level setting. */
    public String group() {
        int dot = path.indexOf('.');
        return dot < 0 ? null : path.substring(0, dot);
    }

    /** The name inside its group ({@code maxDelayMs}), or the path of a top-level setting. */
    public String nameInGroup() {
        return path.substring(path.indexOf('.') + 1);
    }

    /** Its value in a configuration, as the API shows it. */
    public Object valueIn(SyncConfig config) {
        return reader.apply(config);
    }

    public static Optional<RuntimeSetting> byPath(String path) {
        return Arrays.stream(values()).filter(setting -> setting.path.equals(path)).findFirst();
    }

    public static Optional<RuntimeSetting> byKey(String key) {
        return Arrays.stream(values()).filter(setting -> setting.key.equals(key)).findFirst();
    }

    /** The groups of the API's shape, in order. */
    public static List<String> groups() {
        return Arrays.stream(values()).map(RuntimeSetting::group).filter(group -> group != null).distinct().toList();
    }
}
