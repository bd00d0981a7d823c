package io.sheetsync.config;

/** A configuration value is missing or invalid. The message names the key, never the secret value. */
public class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The environment-variable form of the offending key, e.g. {@code SYNC_INTERVAL_MINUTES}. */
    public String key() {
        return key;
    }
}
