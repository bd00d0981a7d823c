package io.sheetsync.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The runtime settings (seed SyncConfigService): the start-up values with those set through the API over them, put in
 * force in the {@link ConfigProvider} every bean reads. A change through the API is validated, stored with its history
 * and applied here at once; other instances sharing the database pick it up at their next {@link #refresh()} (route
 * {@code config-refresh}, every {@value #REFRESH_SECONDS} s).
 */
public final class SyncConfigService {

    /** How often an instance looks for changes made on another one: well within the 60 s the contract allows. */
    public static final int REFRESH_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SyncConfigService.class);

    private final ConfigProvider provider;
    private final SyncConfig startup;
    private final Function<String, String> startupProperties;
    private final ConfigStore store;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile ConfigStore.Stored applied = new ConfigStore.Stored(ConfigOverrides.none(), null, null);
    private volatile boolean storeAnswered = true;
    /** The stored values last applied (before any refused one was left out). */
    private volatile Map<RuntimeSetting, JsonNode> seen = Map.of();

    /**
     * @param provider          holds the configuration in force; its value now is the start-up configuration
     * @param startupProperties the properties the service started from, by property name (as SyncConfig reads them)
     */
    public SyncConfigService(ConfigProvider provider, Function<String, String> startupProperties, ConfigStore store,
                             ObjectMapper json, Clock clock) {
        this.provider = provider;
        this.startup = provider.current();
        this.startupProperties = startupProperties;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** Puts the values stored through the API in force: at start-up, and on the refresh timer. */
    public void refresh() {
        ConfigStore.Stored stored;
        try {
            stored = store.read();
        } catch (SQLException e) {
            if (storeAnswered) {
                LOG.warn("runtime settings not refreshed: the database did not answer ({}); the settings in force stay",
                        e.getMessage());
            }
            storeAnswered = false;
            return;
        }
        storeAnswered = true;
        // Only a change of the stored values is applied: the configuration in force is otherwise left as it is.
        if (stored.overrides().values().equals(seen)) {
            return;
        }
        seen = stored.overrides().values();
        apply(stored);
    }

    /**
     * Applies a {@code PUT /api/config}: all of it or, when any value is refused, nothing.
     *
     * @return one change per setting whose value in force changed (none when every value was already in force)
     */
    public List<ConfigChange> update(Map<RuntimeSetting, JsonNode> changes, String changedBy)
            throws SQLException, InvalidSettingException {
        Instant now = clock.instant();
        ConfigStore.Decision decision = store.change(stored -> {
            SyncConfig before = inForce(stored);
            ConfigOverrides next = stored.with(changes);
            SyncConfig after = next.over(startup, startupProperties);
            List<ConfigChange> changed = new ArrayList<>();
            for (RuntimeSetting setting : changes.keySet()) {
                JsonNode from = json.valueToTree(setting.valueIn(before));
                JsonNode to = json.valueToTree(setting.valueIn(after));
                // a reset to a start-up value equal to the API's is still a change: the setting's source changes
                if (!from.equals(to) || stored.values().containsKey(setting) != next.values().containsKey(setting)) {
                    changed.add(new ConfigChange(setting.path(), from, to, now, changedBy));
                }
            }
            return new ConfigStore.Decision(next, changed);
        });
        if (!decision.changes().isEmpty()) {
            LOG.info("runtime settings changed by {}: {}", changedBy, decision.changes().stream()
                    .map(change -> change.setting() + " " + change.oldValue() + " -> " + change.newValue()).toList());
        }
        refresh();
        return decision.changes();
    }

    /**
     * The settings in force in the API's shape, with {@code sources} (per setting, {@code api} when set through the
     * API, else {@code startup}) and who changed them last, when.
     */
    public Map<String, Object> view() {
        SyncConfig current = provider.current();
        ConfigStore.Stored stored = applied;
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> sources = new LinkedHashMap<>();
        for (RuntimeSetting setting : RuntimeSetting.values()) {
            Object value = setting.valueIn(current);
            if (setting.group() == null) {
                body.put(setting.path(), value);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> group = (Map<String, Object>) body.computeIfAbsent(setting.group(),
                        name -> new LinkedHashMap<String, Object>());
                group.put(setting.nameInGroup(), value);
            }
            sources.put(setting.path(), stored.overrides().values().containsKey(setting) ? "api" : "startup");
        }
        body.put("sources", sources);
        body.put("updatedAt", stored.updatedAt());
        body.put("updatedBy", stored.updatedBy());
        return body;
    }

    /** The latest changes, newest first. */
    public List<ConfigChange> history(int limit) throws SQLException {
        return store.history(limit);
    }

    private void apply(ConfigStore.Stored stored) {
        Map<RuntimeSetting, JsonNode> usable = new EnumMap<>(RuntimeSetting.class);
        usable.putAll(stored.overrides().values());
        SyncConfig next = null;
        while (next == null) {
            try {
                next = new ConfigOverrides(usable).over(startup, startupProperties);
            } catch (InvalidSettingException e) {
                // Stored by another version or by hand: the start-up value stands for that setting, the rest apply.
                RuntimeSetting refused = e.field() == null ? null : RuntimeSetting.byPath(e.field()).orElse(null);
                LOG.warn("the stored runtime setting {} is refused ({}); its start-up value stays in force",
                        e.field(), e.getMessage());
                if (refused == null || usable.remove(refused) == null) {
                    usable.clear();
                }
            }
        }
        applied = new ConfigStore.Stored(new ConfigOverrides(usable), stored.updatedAt(), stored.updatedBy());
        SyncConfig previous = provider.current();
        List<String> differences = new ArrayList<>();
        for (RuntimeSetting setting : RuntimeSetting.values()) {
            if (!Objects.equals(setting.valueIn(previous), setting.valueIn(next))) {
                differences.add(setting.path() + " " + setting.valueIn(previous) + " -> " + setting.valueIn(next));
            }
        }
        if (!differences.isEmpty()) {
            LOG.info("runtime settings now in force: {}", differences);
        }
        provider.replace(next);
    }

    private SyncConfig inForce(ConfigOverrides stored) {
        try {
            return stored.over(startup, startupProperties);
        } catch (InvalidSettingException e) {
            return provider.current();
        }
    }
}
