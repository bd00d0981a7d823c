package io.sheetsync.config;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Every setting of the service, typed and validated once (CONTRACT section 2).
 *
 * <p>Build it with {@link #load(Function)} from the properties of the running service (Camel's properties component:
 * environment variables over {@code application.properties}), or with {@link #load(Map, Properties)}; an invalid
 * value throws {@link ConfigException} naming the key.
 */
public record SyncConfig(
        Database database,
        Sheets sheets,
        Path filePath,
        Path mappingFile,
        int intervalMinutes,
        int httpPort,
        Tokens tokens,
        Mail mail,
        int maxShrinkPercent,
        int runTimeoutMinutes,
        boolean auditLogUnchanged,
        int batchSize,
        int batchWriters,
        Path dataDir,
        java.time.ZoneId timeZone,
        boolean scheduleEnabled,
        Alerts alerts,
        Recovery recovery,
        double degradationFactor,
        Retention retention,
        InputLimits inputLimits) {

    /** The shortest bearer token accepted at start-up. */
    public static final int MIN_TOKEN_LENGTH = 24;

    /** Where sellers live. A null url means: start the embedded PostgreSQL under {@code dataDir}. */
    public record Database(String url, String user, String password) {
        public boolean embedded() {
            return url == null;
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
        }
    }

    /**
     * The Google Sheets source; {@code spreadsheetId == null} means the file source is used instead.
     *
     * @param chunkRows rows asked for per range of a batchGet; 0 lets the source size chunks from the grid width
     */
    public record Sheets(String spreadsheetId, String range, String rootUrl, Path credentialsFile, String accessToken,
                         int timeoutSeconds, int chunkRows) {
        public boolean enabled() {
            return spreadsheetId != null;
        }

        @Override
        public String toString() {
            return "Sheets[spreadsheetId=" + spreadsheetId + ", range=" + range + ", rootUrl=" + rootUrl
                    + ", credentialsFile=" + credentialsFile + ", accessToken=" + (accessToken == null ? null : "***")
                    + ", timeoutSeconds=" + timeoutSeconds + ", chunkRows=" + chunkRows + "]";
        }
    }

    /** Bearer tokens per role; {@code adminGenerated} says the admin token was made up at start-up and must be shown once. */
    public record Tokens(String admin, String operator, String viewer, boolean adminGenerated) {
        @Override
        public String toString() {
            return "Tokens[admin=***, operator=" + (operator == null ? null : "***") + ", viewer="
                    + (viewer == null ? null : "***") + ", adminGenerated=" + adminGenerated + "]";
        }
    }

    /**
     * Alert mail; off while {@code host} is null, there are no recipients, or {@code alertsEnabled} is false (the
     * runtime switch, seed alertConfig.emailEnabled).
     */
    public record Mail(String host, int port, String user, String password, String from, List<String> recipients,
                       boolean alertsEnabled, MailSecurity security) {
        public boolean enabled() {
            return host != null && alertsEnabled && !recipients.isEmpty();
        }

        @Override
        public String toString() {
            return "Mail[host=" + host + ", port=" + port + ", user=" + user + ", password="
                    + (password == null ? null : "***") + ", from=" + from + ", recipients=" + recipients
                    + ", alertsEnabled=" + alertsEnabled + ", security=" + security + "]";
        }
    }

    /**
     * How alert mail reaches the SMTP server (SYNC_SMTP_SECURITY): {@code STARTTLS} upgrades the connection and
     * refuses a server that cannot, {@code SMTPS} is TLS from the first byte, {@code NONE} is plain text.
     */
    public enum MailSecurity {
        NONE, STARTTLS, SMTPS
    }

    /**
     * Bounds of the local export (SYNC_FILE_MAX_BYTES); the sheet's row, column and cell limits are Google's and fixed.
     *
     * @param fileMaxBytes the largest CSV or XLSX file a run reads
     */
    public record InputLimits(long fileMaxBytes) {
    }

    /**
     * When runs raise alerts, and what the alert mail links to.
     *
     * @param consecutiveFailureThreshold failed runs in a row that raise a high consecutive_failures alert
     * @param gapThreshold                gaps in one run that raise a medium sync_gap alert even when all were healed
     * @param noSyncMinutes               minutes without a completed run that raise a high no_sync alert
     * @param autoResync                  whether gaps are re-synced automatically (seed autoRecoveryEnabled)
     * @param dashboardUrl                the dashboard link put in alert mails
     */
    public record Alerts(int consecutiveFailureThreshold, int gapThreshold, int noSyncMinutes, boolean autoResync,
                         String dashboardUrl) {
    }

    /**
     * How failures are retried (CONTRACT section 6, README "Failure modes").
     *
     * @param retryMax              retries of a failed Sheets fetch after the first attempt (SYNC_RETRY_MAX)
     * @param initialDelayMs        wait before the first retry; each later one waits backoffMultiplier times longer
     * @param maxDelayMs            the longest wait between two attempts; a Retry-After asking for more is not retried
     * @param backoffMultiplier     how many times longer each retry waits than the one before
     * @param circuitOpenSeconds    how long the Sheets circuit breaker stays open before it lets one trial call through
     * @param retryQueueDelayMinutes when a record queued after a transient failure is first retried (doubling after)
     * @param dbTimeoutSeconds      how long to wait for a database connection (at start, and when reconnecting)
     */
    public record Recovery(int retryMax, long initialDelayMs, long maxDelayMs, double backoffMultiplier,
                           int circuitOpenSeconds, int retryQueueDelayMinutes, int dbTimeoutSeconds) {
    }

    /** The property name of a key, as {@link #load(Function)} asks for it: {@code SYNC_DB_URL} is {@code sync.db.url}. */
    public static String propertyName(String key) {
        return ConfigValues.propertyName(key);
    }

    /** Reads the configuration from the environment, falling back to {@code application.properties} values. */
    public static SyncConfig load(Map<String, String> env, Properties properties) {
        return load(ConfigValues.environmentThenProperties(env, properties));
    }

    /**
     * Reads the configuration from a source of properties that already applies their precedence.
     *
     * @param property the value of a property name such as {@code sync.db.url}, or null when it has none
     */
    public static SyncConfig load(Function<String, String> property) {
        ConfigValues values = new ConfigValues(property);

        Database database = new Database(
                values.jdbcUrl("SYNC_DB_URL"),
                values.text("SYNC_DB_USER", "postgres"),
                values.text("SYNC_DB_PASSWORD", ""));

        Sheets sheets = new Sheets(
                values.get("SYNC_SHEETS_SPREADSHEET_ID"),
                values.text("SYNC_SHEETS_RANGE", "Sellers"),
                values.httpUrl("SYNC_SHEETS_ROOT_URL", "https://sheets.googleapis.com/"),
                values.path("SYNC_SHEETS_CREDENTIALS_FILE", null),
                values.get("SYNC_SHEETS_ACCESS_TOKEN"),
                values.integer("SYNC_SHEETS_TIMEOUT_SECONDS", 30, 1, 600),
                values.integer("SYNC_SHEETS_CHUNK_ROWS", 0, 0, 1_000_000));
        if (sheets.enabled() && sheets.credentialsFile() == null && sheets.accessToken() == null) {
            throw new ConfigException("SYNC_SHEETS_CREDENTIALS_FILE",
                    "set it (service-account key file) or SYNC_SHEETS_ACCESS_TOKEN when SYNC_SHEETS_SPREADSHEET_ID is set");
        }
        if (sheets.credentialsFile() != null && !sheets.credentialsFile().toFile().isFile()) {
            throw new ConfigException("SYNC_SHEETS_CREDENTIALS_FILE", "no such file: " + sheets.credentialsFile());
        }

        Path filePath = values.path("SYNC_FILE_PATH", "samples/sellers.csv");
        if (!sheets.enabled()) {
            String name = filePath.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".csv") && !name.endsWith(".xlsx")) {
                throw new ConfigException("SYNC_FILE_PATH", "must name a .csv or .xlsx file, was " + filePath);
            }
        }
        Path mappingFile = values.path("SYNC_MAPPING_FILE", null);
        // the range and the mapping's content are the sheet's to read: sheet.SheetSettings checks them at start-up
        if (mappingFile != null && !mappingFile.toFile().isFile()) {
            throw new ConfigException("SYNC_MAPPING_FILE", "no such file: " + mappingFile);
        }

        String admin = values.token("SYNC_ADMIN_TOKEN", MIN_TOKEN_LENGTH);
        boolean adminGenerated = admin == null;
        if (adminGenerated) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            admin = HexFormat.of().formatHex(random);
        }
        Tokens tokens = new Tokens(admin, values.token("SYNC_OPERATOR_TOKEN", MIN_TOKEN_LENGTH),
                values.token("SYNC_VIEWER_TOKEN", MIN_TOKEN_LENGTH), adminGenerated);

        String smtpUser = values.get("SYNC_SMTP_USER");
        MailSecurity smtpSecurity = mailSecurity(values, smtpUser);
        Mail mail = new Mail(
                values.get("SYNC_SMTP_HOST"),
                values.integer("SYNC_SMTP_PORT", smtpSecurity == MailSecurity.SMTPS ? 465 : 25, 1, 65535),
                smtpUser,
                values.get("SYNC_SMTP_PASSWORD"),
                values.text("SYNC_SMTP_FROM", "sheet-sync@localhost"),
                values.addresses("SYNC_ALERT_EMAILS"),
                values.bool("SYNC_ALERT_EMAIL_ENABLED", true),
                smtpSecurity);
        if (!ConfigValues.isAddress(mail.from())) {
            throw new ConfigException("SYNC_SMTP_FROM", "'" + mail.from() + "' is not an e-mail address");
        }

        return new SyncConfig(
                database,
                sheets,
                filePath,
                mappingFile,
                values.integer("SYNC_INTERVAL_MINUTES", 5, 1, 7 * 24 * 60),
                values.integer("SYNC_HTTP_PORT", 8080, 1, 65535),
                tokens,
                mail,
                values.integer("SYNC_MAX_SHRINK_PERCENT", 50, 0, 100),
                values.integer("SYNC_RUN_TIMEOUT_MINUTES", 30, 1, 24 * 60),
                values.bool("SYNC_AUDIT_LOG_UNCHANGED", false),
                values.integer("SYNC_BATCH_SIZE", 500, 1, 10_000),
                values.integer("SYNC_BATCH_WRITERS", 2, 1, 4),
                values.path("SYNC_DATA_DIR", "data"),
                values.zone("SYNC_TIME_ZONE", "Asia/Tokyo"),
                values.bool("SYNC_SCHEDULE_ENABLED", true),
                new Alerts(
                        values.integer("SYNC_CONSECUTIVE_FAILURE_THRESHOLD", 3, 1, 1000),
                        values.integer("SYNC_GAP_ALERT_THRESHOLD", 5, 1, 1_000_000),
                        values.integer("SYNC_NO_SYNC_ALERT_MINUTES", 30, 1, 7 * 24 * 60),
                        values.bool("SYNC_AUTO_RESYNC", true),
                        values.httpUrl("SYNC_DASHBOARD_URL",
                                "http://localhost:" + values.integer("SYNC_HTTP_PORT", 8080, 1, 65535) + "/")),
                recovery(values),
                values.decimal("SYNC_DEGRADATION_FACTOR", 1.5, 1.0, false, 100.0),
                Retention.load(values),
                new InputLimits(values.longInteger("SYNC_FILE_MAX_BYTES", 100L * 1024 * 1024, 1, Long.MAX_VALUE)));
    }

    /** SYNC_SMTP_SECURITY; a password never crosses the network in clear, so a user rules out {@code none}. */
    private static MailSecurity mailSecurity(ConfigValues values, String smtpUser) {
        String key = "SYNC_SMTP_SECURITY";
        String value = values.text(key, smtpUser == null ? "none" : "starttls");
        MailSecurity security;
        try {
            security = MailSecurity.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "must be starttls, smtps or none, was '" + value + "'");
        }
        if (security == MailSecurity.NONE && smtpUser != null) {
            throw new ConfigException(key, "must be starttls or smtps while SYNC_SMTP_USER is set: the password would"
                    + " cross the network in clear");
        }
        return security;
    }

    private static Recovery recovery(ConfigValues values) {
        Recovery recovery = new Recovery(
                values.integer("SYNC_RETRY_MAX", 3, 0, 10),
                values.integer("SYNC_RETRY_INITIAL_DELAY_MS", 1_000, 0, 600_000),
                values.integer("SYNC_RETRY_MAX_DELAY_MS", 30_000, 0, 3_600_000),
                values.decimal("SYNC_RETRY_BACKOFF_MULTIPLIER", 2.0, 1.0, true, 10.0),
                values.integer("SYNC_CIRCUIT_OPEN_SECONDS", 60, 1, 3_600),
                values.integer("SYNC_RETRY_QUEUE_DELAY_MINUTES", 1, 0, 24 * 60),
                values.integer("SYNC_DB_TIMEOUT_SECONDS", 10, 1, 300));
        if (recovery.maxDelayMs() < recovery.initialDelayMs()) {
            throw new ConfigException("SYNC_RETRY_MAX_DELAY_MS", "must be at least SYNC_RETRY_INITIAL_DELAY_MS ("
                    + recovery.initialDelayMs() + "), was " + recovery.maxDelayMs());
        }
        return recovery;
    }

    /** The schedule's period, for the Quartz trigger of {@code routes/sync.camel.yaml}. */
    public long intervalMillis() {
        return intervalMinutes * 60_000L;
    }

    /** A short description of the source for logs and the status API. */
    public String sourceDescription() {
        return sheets.enabled()
                ? "google sheet " + sheets.spreadsheetId() + " range " + sheets.range()
                : "file " + filePath;
    }

}
