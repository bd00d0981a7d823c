package io.sheetsync.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncConfigTest {

    @Test
    void defaults_give_a_service_that_runs_on_a_fresh_machine() {
        SyncConfig config = SyncConfig.load(Map.of(), new Properties());

        assertThat(config.database().embedded()).isTrue();
        assertThat(config.sheets().enabled()).isFalse();
        assertThat(config.filePath()).isEqualTo(Path.of("samples/sellers.csv"));
        assertThat(config.sheets().range()).isEqualTo("Sellers");
        assertThat(config.sheets().rootUrl()).isEqualTo("https://sheets.googleapis.com/");
        assertThat(config.intervalMinutes()).isEqualTo(5);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.maxShrinkPercent()).isEqualTo(50);
        assertThat(config.runTimeoutMinutes()).isEqualTo(30);
        assertThat(config.auditLogUnchanged()).isFalse();
        assertThat(config.batchSize()).isEqualTo(500);
        assertThat(config.batchWriters()).isEqualTo(2);
        assertThat(config.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(config.mail().enabled()).isFalse();
        assertThat(config.tokens().adminGenerated()).isTrue();
        assertThat(config.tokens().admin()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void housekeeping_defaults_keep_90_days_of_runs_and_30_of_metrics_and_open_alerts_without_an_archive() {
        Retention retention = SyncConfig.load(Map.of(), new Properties()).retention();

        assertThat(retention).isEqualTo(new Retention(90, null, 30, 30, "0 30 3 * * ?"));
        assertThat(retention.archiving()).isFalse();
    }

    @Test
    void the_archive_dir_is_created_and_bad_housekeeping_values_are_refused_naming_the_key(
            @org.junit.jupiter.api.io.TempDir Path directory) throws Exception {
        Path archive = directory.resolve("archive/sheet-sync");
        assertThat(SyncConfig.load(Map.of("SYNC_ARCHIVE_DIR", archive.toString()), new Properties())
                .retention().archiveDir()).isEqualTo(archive);
        assertThat(archive).isDirectory();

        Path file = java.nio.file.Files.writeString(directory.resolve("file"), "x");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_ARCHIVE_DIR", file.resolve("below").toString()),
                new Properties())).hasMessageStartingWith("SYNC_ARCHIVE_DIR:");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_RETENTION_DAYS", "0"), new Properties()))
                .hasMessageStartingWith("SYNC_RETENTION_DAYS:");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_METRICS_ROLLUP_DAYS", "1.5"), new Properties()))
                .hasMessageStartingWith("SYNC_METRICS_ROLLUP_DAYS:");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_ALERT_AUTO_ACK_DAYS", "0"), new Properties()))
                .hasMessageStartingWith("SYNC_ALERT_AUTO_ACK_DAYS:");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_HOUSEKEEPING_CRON", "0 30 3 * *"), new Properties()))
                .hasMessageStartingWith("SYNC_HOUSEKEEPING_CRON:");
        assertThat(SyncConfig.load(Map.of("SYNC_HOUSEKEEPING_CRON", "0 0 2 ? * SUN"), new Properties())
                .retention().cron()).isEqualTo("0 0 2 ? * SUN");
    }

    @Test
    void environment_variables_win_over_properties_written_in_lower_case_with_dots() {
        Properties properties = new Properties();
        properties.setProperty("sync.interval.minutes", "7");
        properties.setProperty("sync.http.port", "9090");

        SyncConfig config = SyncConfig.load(Map.of("SYNC_HTTP_PORT", "9191"), properties);

        assertThat(config.intervalMinutes()).isEqualTo(7);
        assertThat(config.httpPort()).isEqualTo(9191);
    }

    @Test
    void an_interval_below_one_minute_is_refused_naming_the_key() {
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_INTERVAL_MINUTES", "0"), new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SYNC_INTERVAL_MINUTES:")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("SYNC_INTERVAL_MINUTES");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_INTERVAL_MINUTES", "five"), new Properties()))
                .hasMessageContaining("whole number");
    }

    @Test
    void each_alert_recipient_must_be_an_address() {
        SyncConfig config = SyncConfig.load(Map.of("SYNC_ALERT_EMAILS", "ops@example.com, 担当@example.jp",
                "SYNC_SMTP_HOST", "mail.local"), new Properties());
        assertThat(config.mail().recipients()).containsExactly("ops@example.com", "担当@example.jp");
        assertThat(config.mail().enabled()).isTrue();

        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_ALERT_EMAILS", "ops@example.com,not-an-address"),
                new Properties())).hasMessageContaining("SYNC_ALERT_EMAILS").hasMessageContaining("not-an-address");
    }

    @Test
    void a_spreadsheet_needs_credentials_and_a_database_url_must_be_postgresql() {
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_SHEETS_SPREADSHEET_ID", "abc"), new Properties()))
                .hasMessageStartingWith("SYNC_SHEETS_CREDENTIALS_FILE");
        assertThat(SyncConfig.load(Map.of("SYNC_SHEETS_SPREADSHEET_ID", "abc", "SYNC_SHEETS_ACCESS_TOKEN", "t"),
                new Properties()).sheets().enabled()).isTrue();
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_DB_URL", "jdbc:mysql://x/y"), new Properties()))
                .hasMessageStartingWith("SYNC_DB_URL");
    }

    @Test
    void bad_paths_ports_zones_and_flags_are_refused_naming_the_key() {
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_FILE_PATH", "sellers.txt"), new Properties()))
                .hasMessageStartingWith("SYNC_FILE_PATH");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_HTTP_PORT", "70000"), new Properties()))
                .hasMessageStartingWith("SYNC_HTTP_PORT");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_TIME_ZONE", "Mars/Base"), new Properties()))
                .hasMessageStartingWith("SYNC_TIME_ZONE");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_AUDIT_LOG_UNCHANGED", "maybe"), new Properties()))
                .hasMessageStartingWith("SYNC_AUDIT_LOG_UNCHANGED");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_BATCH_WRITERS", "0"), new Properties()))
                .hasMessageStartingWith("SYNC_BATCH_WRITERS");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_BATCH_WRITERS", "5"), new Properties()))
                .hasMessageStartingWith("SYNC_BATCH_WRITERS");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_SHEETS_ROOT_URL", "ftp://x"), new Properties()))
                .hasMessageStartingWith("SYNC_SHEETS_ROOT_URL");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_MAPPING_FILE", "/no/such/mapping.yaml"), new Properties()))
                .hasMessageStartingWith("SYNC_MAPPING_FILE");
    }

    @Test
    void secrets_never_show_in_the_printed_configuration() {
        SyncConfig config = SyncConfig.load(Map.of("SYNC_DB_PASSWORD", "pw-secret", "SYNC_ADMIN_TOKEN", "adm-secret-of-24-characters",
                "SYNC_SMTP_PASSWORD", "smtp-secret", "SYNC_SHEETS_SPREADSHEET_ID", "x",
                "SYNC_SHEETS_ACCESS_TOKEN", "tok-secret"), new Properties());

        assertThat(config.toString()).doesNotContain("pw-secret", "adm-secret-of-24-characters", "smtp-secret", "tok-secret");
    }

    @Test
    void recovery_settings_default_to_three_retries_and_are_validated_naming_the_key() {
        SyncConfig.Recovery defaults = SyncConfig.load(Map.of(), new Properties()).recovery();

        assertThat(defaults).isEqualTo(new SyncConfig.Recovery(3, 1_000, 30_000, 2.0, 60, 1, 10));
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_RETRY_MAX", "11"), new Properties()))
                .hasMessageStartingWith("SYNC_RETRY_MAX:");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_RETRY_INITIAL_DELAY_MS", "5000",
                "SYNC_RETRY_MAX_DELAY_MS", "1000"), new Properties()))
                .hasMessageStartingWith("SYNC_RETRY_MAX_DELAY_MS:").hasMessageContaining("SYNC_RETRY_INITIAL_DELAY_MS");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_CIRCUIT_OPEN_SECONDS", "0"), new Properties()))
                .hasMessageStartingWith("SYNC_CIRCUIT_OPEN_SECONDS:");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_DB_TIMEOUT_SECONDS", "soon"), new Properties()))
                .hasMessageStartingWith("SYNC_DB_TIMEOUT_SECONDS:");
    }

    @Test
    void the_degradation_factor_defaults_to_one_and_a_half_and_must_exceed_one() {
        assertThat(SyncConfig.load(Map.of(), new Properties()).degradationFactor()).isEqualTo(1.5);
        assertThat(SyncConfig.load(Map.of("SYNC_DEGRADATION_FACTOR", "2.25"), new Properties()).degradationFactor())
                .isEqualTo(2.25);
        Properties properties = new Properties();
        properties.setProperty("sync.degradation.factor", "3");
        assertThat(SyncConfig.load(Map.of(), properties).degradationFactor()).isEqualTo(3.0);

        for (String bad : new String[] {"1", "0.9", "-2", "101", "fast", "NaN", "Infinity"}) {
            assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_DEGRADATION_FACTOR", bad), new Properties()))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("SYNC_DEGRADATION_FACTOR:")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void the_file_size_limit_defaults_to_100_mb_and_must_be_a_positive_number_of_bytes() {
        assertThat(SyncConfig.load(Map.of(), new Properties()).inputLimits().fileMaxBytes()).isEqualTo(104_857_600L);
        assertThat(SyncConfig.load(Map.of("SYNC_FILE_MAX_BYTES", "5000000000"), new Properties()).inputLimits()
                .fileMaxBytes()).isEqualTo(5_000_000_000L);
        for (String bad : new String[] {"0", "-1", "100MB", "1.5"}) {
            assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_FILE_MAX_BYTES", bad), new Properties()))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("SYNC_FILE_MAX_BYTES:");
        }
    }

    @Test
    void smtp_security_is_starttls_with_a_user_none_without_and_never_none_with_a_password_to_send() {
        assertThat(SyncConfig.load(Map.of("SYNC_SMTP_HOST", "mx"), new Properties()).mail().security())
                .isEqualTo(SyncConfig.MailSecurity.NONE);
        assertThat(SyncConfig.load(Map.of("SYNC_SMTP_HOST", "mx", "SYNC_SMTP_USER", "u"), new Properties()).mail()
                .security()).isEqualTo(SyncConfig.MailSecurity.STARTTLS);
        SyncConfig.Mail smtps = SyncConfig.load(Map.of("SYNC_SMTP_HOST", "mx", "SYNC_SMTP_SECURITY", "SMTPS"),
                new Properties()).mail();
        assertThat(smtps.security()).isEqualTo(SyncConfig.MailSecurity.SMTPS);
        assertThat(smtps.port()).isEqualTo(465);
        assertThat(SyncConfig.load(Map.of("SYNC_SMTP_HOST", "mx", "SYNC_SMTP_SECURITY", "starttls"),
                new Properties()).mail().port()).isEqualTo(25);

        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_SMTP_USER", "u", "SYNC_SMTP_SECURITY", "none"),
                new Properties()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SYNC_SMTP_SECURITY: must be starttls or smtps while SYNC_SMTP_USER is set");
        assertThatThrownBy(() -> SyncConfig.load(Map.of("SYNC_SMTP_SECURITY", "tls"), new Properties()))
                .hasMessage("SYNC_SMTP_SECURITY: must be starttls, smtps or none, was 'tls'");
    }
}
