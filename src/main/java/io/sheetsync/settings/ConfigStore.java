package io.sheetsync.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.db.UtcTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * All SQL on {@code sync_config} (the values set through the API, in force on every instance) and
 * {@code sync_config_history} (every change). A change is written in one transaction under a transaction-scoped
 * advisory lock, so two admins changing settings at once on two instances apply one after the other, each seeing the
 * other's result.
 */
public final class ConfigStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);
    /** "shtcfg": the key of the lock taken while a change is written. */
    private static final long CHANGE_LOCK = 0x73_68_74_63_66_67L;

    private final DataSource dataSource;
    private final ObjectMapper json;

    public ConfigStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The values set through the API, and who set the latest of them when. */
    public record Stored(ConfigOverrides overrides, Instant updatedAt, String updatedBy) {
    }

    /** Decides a change from the values stored now: the overrides to store and the changes to record. */
    @FunctionalInterface
    public interface Change {
        Decision decide(ConfigOverrides stored) throws InvalidSettingException;
    }

    /** What a change stores: the overrides after it, and one entry per setting whose value in force changed. */
    public record Decision(ConfigOverrides next, List<ConfigChange> changes) {
    }

    public Stored read() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection);
        }
    }

    /** Applies a change atomically: stored values and history together, or nothing. */
    public Decision change(Change change) throws SQLException, InvalidSettingException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, CHANGE_LOCK);
                    lock.execute();
                }
                Decision decision = change.decide(read(connection).overrides());
                write(connection, decision);
                connection.commit();
                return decision;
            } catch (SQLException | InvalidSettingException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The latest changes, newest first. */
    public List<ConfigChange> history(int limit) throws SQLException {
        List<ConfigChange> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT setting, old_value::text,"
                     + " new_value::text, changed_at, changed_by FROM sync_config_history"
                     + " ORDER BY changed_at DESC, id LIMIT ?")) {
            statement.setInt(1, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    changes.add(new ConfigChange(rows.getString(1), parse(rows.getString(2)), parse(rows.getString(3)),
                            UtcTime.instant(rows.getObject(4, java.time.LocalDateTime.class)), rows.getString(5)));
                }
            }
        }
        return changes;
    }

    private Stored read(Connection connection) throws SQLException {
        Map<RuntimeSetting, JsonNode> values = new EnumMap<>(RuntimeSetting.class);
        Instant updatedAt = null;
        String updatedBy = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT config_key, config_value::text, updated_at, updated_by"
                     + " FROM sync_config ORDER BY updated_at, config_key")) {
            while (rows.next()) {
                String key = rows.getString(1);
                RuntimeSetting setting = RuntimeSetting.byPath(key).orElse(null);
                if (setting == null) {
                    // written by another version of the service, or by hand: not ours to apply
                    LOG.warn("sync_config holds '{}', which is not a runtime setting of this version; ignored", key);
                    continue;
                }
                values.put(setting, parse(rows.getString(2)));
                updatedAt = UtcTime.instant(rows.getObject(3, java.time.LocalDateTime.class));
                updatedBy = rows.getString(4);
            }
        }
        return new Stored(new ConfigOverrides(values), updatedAt, updatedBy);
    }

    private void write(Connection connection, Decision decision) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO sync_config (config_key,"
                + " config_value, updated_at, updated_by) VALUES (?, ?::jsonb, ?, ?) ON CONFLICT (config_key) DO UPDATE"
                + " SET config_value = EXCLUDED.config_value, updated_at = EXCLUDED.updated_at,"
                + " updated_by = EXCLUDED.updated_by");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM sync_config WHERE config_key = ?");
             PreparedStatement history = connection.prepareStatement("INSERT INTO sync_config_history (setting,"
                     + " old_value, new_value, changed_at, changed_by) VALUES (?, ?::jsonb, ?::jsonb, ?, ?)")) {
            for (ConfigChange change : decision.changes()) {
                RuntimeSetting setting = RuntimeSetting.byPath(change.setting()).orElseThrow();
                JsonNode stored = decision.next().values().get(setting);
                if (stored == null) {
                    delete.setString(1, setting.path());
                    delete.addBatch();
                } else {
                    upsert.setString(1, setting.path());
                    upsert.setString(2, stored.toString());
                    upsert.setObject(3, UtcTime.of(change.changedAt()));
                    upsert.setString(4, change.changedBy());
                    upsert.addBatch();
                }
                history.setString(1, change.setting());
                history.setString(2, text(change.oldValue()));
                history.setString(3, text(change.newValue()));
                history.setObject(4, UtcTime.of(change.changedAt()));
                history.setString(5, change.changedBy());
                history.addBatch();
            }
            upsert.executeBatch();
            delete.executeBatch();
            history.executeBatch();
        }
    }

    private static String text(JsonNode value) {
        return value == null ? null : value.toString();
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sync_config holds a value that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
