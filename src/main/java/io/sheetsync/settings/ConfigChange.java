package io.sheetsync.settings;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One setting changed through the API ({@code sync_config_history}): the value in force before and after (a reset's
 * new value is the start-up value), when and by whom.
 */
public record ConfigChange(String setting, JsonNode oldValue, JsonNode newValue, Instant changedAt, String changedBy) {
}
