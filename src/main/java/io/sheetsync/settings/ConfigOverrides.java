package io.sheetsync.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.config.ConfigException;
import io.sheetsync.config.Retention;
import io.sheetsync.config.SyncConfig;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The runtime settings set through the API, over the start-up configuration: each wins until it is reset. Applying
 * them validates them exactly as start-up values ({@link SyncConfig#load}), so a value the API takes would also be
 * taken from the environment, and the other way round.
 */
public final class ConfigOverrides {

    private final Map<RuntimeSetting, JsonNode> values;

    public ConfigOverrides(Map<RuntimeSetting, JsonNode> values) {
        EnumMap<RuntimeSetting, JsonNode> copy = new EnumMap<>(RuntimeSetting.class);
        copy.putAll(values);
        this.values = Collections.unmodifiableMap(copy);
    }

    public static ConfigOverrides none() {
        return new ConfigOverrides(Map.of());
    }

    /** The values set through the API, by setting. */
    public Map<RuntimeSetting, JsonNode> values() {
        return values;
    }

    /** These overrides with {@code changes} applied: a null value resets its setting to the start-up value. */
    public ConfigOverrides with(Map<RuntimeSetting, JsonNode> changes) {
        EnumMap<RuntimeSetting, JsonNode> next = new EnumMap<>(RuntimeSetting.class);
        next.putAll(values);
        changes.forEach((setting, value) -> {
            if (value == null || value.isNull()) {
                next.remove(setting);
            } else {
                next.put(setting, value);
            }
        });
        return new ConfigOverrides(next);
    }

    /**
     * The configuration in force: {@code startup} with these values for the runtime settings, validated as start-up
     * values are. Only the runtime settings come from the overrides; everything else (tokens included, even a
     * generated one) stays as it started.
     *
     * @param startupProperties the properties the service started from, by property name
     * @throws InvalidSettingException naming the first setting refused
     */
    public SyncConfig over(SyncConfig startup, Function<String, String> startupProperties)
            throws InvalidSettingException {
        Map<String, String> byProperty = new java.util.HashMap<>();
        values.forEach((setting, value) -> byProperty.put(SyncConfig.propertyName(setting.key()), text(value)));
        SyncConfig candidate;
        try {
            candidate = SyncConfig.load(name -> byProperty.containsKey(name) ? byProperty.get(name)
                    : startupProperties.apply(name));
        } catch (ConfigException e) {
            RuntimeSetting setting = RuntimeSetting.byKey(e.key()).orElse(null);
            String message = e.getMessage();
            // longest keys first: SYNC_RETRY_MAX is the start of SYNC_RETRY_MAX_DELAY_MS
            for (RuntimeSetting named : java.util.Arrays.stream(RuntimeSetting.values())
                    .sorted(java.util.Comparator.comparingInt((RuntimeSetting each) -> each.key().length()).reversed())
                    .toList()) {
                message = message.replace(named.key(), named.path());
            }
            throw new InvalidSettingException(setting == null ? null : setting.path(), message);
        }
        return runtimeSettingsOf(candidate, startup);
    }

    /** The property text of a value, as an environment variable would give it. */
    private static String text(JsonNode value) {
        if (value.isArray()) {
            return String.join(",", StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList());
        }
        return value.asText();
    }

    /** {@code startup} with the runtime settings of {@code candidate} (the list of {@link RuntimeSetting}). */
    private static SyncConfig runtimeSettingsOf(SyncConfig candidate, SyncConfig startup) {
        SyncConfig.Mail mail = startup.mail();
        SyncConfig.Alerts alerts = candidate.alerts();
        SyncConfig.Recovery retry = candidate.recovery();
        SyncConfig.Recovery kept = startup.recovery();
        return new SyncConfig(startup.database(), startup.sheets(), startup.filePath(), startup.mappingFile(),
                candidate.intervalMinutes(), startup.httpPort(), startup.tokens(),
                new SyncConfig.Mail(mail.host(), mail.port(), mail.user(), mail.password(), mail.from(),
                        candidate.mail().recipients(), candidate.mail().alertsEnabled(), mail.security()),
                candidate.maxShrinkPercent(), candidate.runTimeoutMinutes(), startup.auditLogUnchanged(),
                startup.batchSize(), startup.batchWriters(), startup.dataDir(), startup.timeZone(),
                startup.scheduleEnabled(),
                new SyncConfig.Alerts(alerts.consecutiveFailureThreshold(), alerts.gapThreshold(),
                        alerts.noSyncMinutes(), alerts.autoResync(), startup.alerts().dashboardUrl()),
                new SyncConfig.Recovery(retry.retryMax(), retry.initialDelayMs(), retry.maxDelayMs(),
                        retry.backoffMultiplier(), kept.circuitOpenSeconds(), kept.retryQueueDelayMinutes(),
                        kept.dbTimeoutSeconds()),
                candidate.degradationFactor(),
                new Retention(candidate.retention().retentionDays(), startup.retention().archiveDir(),
                        candidate.retention().metricsRollupDays(), candidate.retention().alertAutoAckDays(),
                        startup.retention().cron()),
                startup.inputLimits());
    }
}
