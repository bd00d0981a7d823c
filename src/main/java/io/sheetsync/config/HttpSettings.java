package io.sheetsync.config;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the HTTP server is exposed (README "Security"): the address it binds, the largest request body it reads, and
 * the file of named tokens.
 *
 * @param host         the address the API, dashboard, health and metrics bind; loopback until a token is configured
 * @param maxBodyBytes larger request bodies are refused with 413 before any handler or auth runs
 * @param tokensFile   YAML list of named tokens ({@code name, role, sha256}), or null
 */
public record HttpSettings(String host, int maxBodyBytes, Path tokensFile) {

    /** Where the service listens while nobody configured a token: a generated admin token is no network password. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Where it listens once tokens are configured. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.:\\-\\[\\]%]+$");

    /**
     * Reads SYNC_HTTP_HOST, SYNC_HTTP_MAX_BODY_BYTES and SYNC_TOKENS_FILE.
     *
     * @param property the value of a property name such as {@code sync.http.host}, or null
     * @param tokens   the role tokens, which decide the default host
     */
    public static HttpSettings load(Function<String, String> property, SyncConfig.Tokens tokens) {
        ConfigValues values = new ConfigValues(property);
        String file = values.get("SYNC_TOKENS_FILE");
        Path tokensFile = file == null ? null : Path.of(file);
        if (tokensFile != null && !tokensFile.toFile().isFile()) {
            throw new ConfigException("SYNC_TOKENS_FILE", "no such file: " + tokensFile);
        }
        boolean tokensConfigured = !tokens.adminGenerated() || tokens.operator() != null || tokens.viewer() != null
                || tokensFile != null;
        String host = values.text("SYNC_HTTP_HOST", tokensConfigured ? ALL_INTERFACES : LOOPBACK);
        if (!HOST.matcher(host).matches()) {
            throw new ConfigException("SYNC_HTTP_HOST", "must be an IP address or host name such as 127.0.0.1 or "
                    + "0.0.0.0, was '" + host + "'");
        }
        return new HttpSettings(host,
                values.integer("SYNC_HTTP_MAX_BODY_BYTES", 65_536, 1_024, 16 * 1024 * 1024),
                tokensFile);
    }
}
