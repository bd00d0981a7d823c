package io.sheetsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.settings.ConfigChange;
import io.sheetsync.settings.ConfigUpdate;
import io.sheetsync.settings.InvalidSettingException;
import io.sheetsync.settings.SyncConfigService;
import org.apache.camel.Exchange;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runtime configuration endpoints: the settings in force, changing them, and their history (admin). */
public final class ConfigApi {

    /** The largest body {@code PUT /api/config} reads: every setting at once fits in a fraction of it. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final SyncConfigService settings;
    private final JsonResponses responses;
    private final ObjectMapper json;

    public ConfigApi(SyncConfigService settings, JsonResponses responses, ObjectMapper json) {
        this.settings = settings;
        this.responses = responses;
        this.json = json;
    }

    /** GET /api/config. */
    public void show(Exchange exchange) {
        QueryParams.of(exchange);
        responses.write(exchange, 200, settings.view());
    }

    /**
     * PUT /api/config: applies the body (all of it or nothing) and leaves the changes as the body, for the route to
     * raise their alert before {@link #show} answers.
     */
    public List<ConfigChange> update(Exchange exchange) throws SQLException {
        QueryParams.of(exchange);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "the body has " + body.length + " bytes; a change of"
                    + " settings takes at most " + MAX_BODY_BYTES);
        }
        JsonNode tree;
        try {
            tree = json.readTree(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw invalid(null, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        try {
            return settings.update(ConfigUpdate.read(tree), ApiAuth.callerName(exchange));
        } catch (InvalidSettingException e) {
            throw invalid(e.field(), e.getMessage());
        }
    }

    /** GET /api/config/history?limit: the latest changes, newest first. */
    public void history(Exchange exchange) throws SQLException {
        int limit = QueryParams.of(exchange, "limit").integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<Map<String, Object>> changes = settings.history(limit).stream().map(change -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("setting", change.setting());
            row.put("oldValue", change.oldValue());
            row.put("newValue", change.newValue());
            row.put("changedAt", change.changedAt());
            row.put("changedBy", change.changedBy());
            return row;
        }).toList();
        responses.write(exchange, 200, Map.of("changes", changes));
    }

    private static ApiException invalid(String field, String message) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("field", field);
        return new ApiException(400, "invalid_config", message, extra);
    }
}
