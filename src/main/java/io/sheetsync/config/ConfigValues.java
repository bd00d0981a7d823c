package io.sheetsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Looks a key of the contract ({@code SYNC_DB_URL}) up as its property ({@code sync.db.url}) in a source that
 * already applies the precedence (environment over files), and parses it.
 *
 * <p>Blank values count as unset, so {@code SYNC_DB_URL=} in a compose file means "use the default".
 */
final class ConfigValues {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,]+@[^@\\s,.]+(\\.[^@\\s,.]+)*$");

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
        return (int) longInteger(key, defaultValue, min, max);
    }

    /** A whole number that may pass int, such as a size in bytes. */
    long longInteger(String key, long defaultValue, long min, long max) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
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

    /** A time zone id such as Asia/Tokyo. */
    java.time.ZoneId zone(String key, String defaultValue) {
        String id = text(key, defaultValue);
        try {
            return java.time.ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw new ConfigException(key, "'" + id + "' is not a time zone (e.g. Asia/Tokyo, UTC)");
        }
    }

    /** A PostgreSQL JDBC URL, or null when unset. */
    String jdbcUrl(String key) {
        String url = get(key);
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(key, "must be a PostgreSQL JDBC URL starting with jdbc:postgresql:");
        }
        return url;
    }

    /** An http(s) URL, ending with a slash. */
    String httpUrl(String key, String defaultValue) {
        String url = text(key, defaultValue);
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(key, "must be an http(s) URL, was '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "must be an http(s) URL, was '" + url + "'");
        }
        return url.endsWith("/") ? url : url + "/";
    }

    /** A path, or null when unset without a default. */
    Path path(String key, String defaultValue) {
        String value = text(key, defaultValue);
        return value == null ? null : Path.of(value);
    }

    /** A comma-separated list of e-mail addresses, each checked; empty when unset. */
    List<String> addresses(String key) {
        String list = get(key);
        if (list == null) {
            return List.of();
        }
        List<String> addresses = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String address : addresses) {
            if (!isAddress(address)) {
                throw new ConfigException(key, "'" + address + "' is not an e-mail address");
            }
        }
        return addresses;
    }

    static boolean isAddress(String text) {
        return EMAIL.matcher(text).matches();
    }
}
