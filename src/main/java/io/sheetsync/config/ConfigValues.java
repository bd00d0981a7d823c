package io.sheetsync.config;

import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Looks a key of the contract ({@code SYNC_DB_URL}) up as its property ({@code sync.db.url}) in a source that
 * already applies the precedence (environment over files), and parses it.
 *
 * <p>Blank values count as unset, so {@code SYNC_DB_URL=} in a compose file means "use the default".
 */
final class ConfigValues {

    private final Function<String, String> property;

    /** @param property the value of a property name such as {@code sync.db.url}, or null when it has none */
    ConfigValues(Function<String, String> property) {
        this.property = property;
    }

    /** An environment (by key) first, then properties (by property name): the precedence of the running service. */
    static Function<String, String> environmentThenProperties(Map<String, String> env, Properties properties) {
        return name -> {
            String value = env.get(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
            return value == null || value.isBlank() ? properties.getProperty(name) : value;
        };
    }

    /** The value for the key, trimmed, or null when unset or blank. */
    String get(String key) {
        String value = property.apply(propertyName(key));
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The property name of a key: {@code SYNC_DB_URL} is {@code sync.db.url}. */
    public static String propertyName(String key) {
        return key.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
    }

    /** A bearer token: long enough that guessing it is hopeless; the message never shows it. */
    String token(String key, int minLength) {
        String token = get(key);
        if (token != null && token.length() < minLength) {
            throw new ConfigException(key, "must be at least " + minLength + " characters long, was "
                    + token.length() + " (make one with: openssl rand -hex 24)");
        }
        return token;
    }

    String text(String key, String defaultValue) {
        String value = get(key);
        return value == null ? defaultValue : value;
    }

    int integer(String key, int defaultValue, int min, int max) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number, was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(key, "must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }

    /** A decimal number greater than {@code above} (or equal to it when {@code orEqual}) and at most {@code max}. */
    double decimal(String key, double defaultValue, double above, boolean orEqual, double max) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a number such as 1.5, was '" + value + "'");
        }
        if (!((parsed > above || orEqual && parsed == above) && parsed <= max)) {
            throw new ConfigException(key, "must be " + (orEqual ? "at least " : "greater than ") + plain(above)
                    + " and at most " + plain(max) + ", was " + value);
        }
        return parsed;
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }

    boolean bool(String key, boolean defaultValue) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(key, "must be true or false, was '" + value + "'");
        };
    }
}
