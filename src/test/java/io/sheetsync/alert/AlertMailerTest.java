package io.sheetsync.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMailerTest {

    private final AlertMailer mailer = new AlertMailer(new ConfigProvider(SyncConfig.load(Map.of(), new Properties())),
            new ObjectMapper());

    private final Alert alert = new Alert("a1b2", "high", "sync_gap",
            "1 seller(s) in the sheet are still not right in the database after the automatic resync: AA12679",
            "{\"syncId\":\"run-7\",\"sellerNumbers\":[\"AA12679\"],\"gapsDetected\":1,\"remainingGaps\":1}",
            Instant.parse("2026-11-28T10:00:00Z"), false, null, null, null, 1, "run-7");

    @Test
    void the_subject_carries_severity_type_and_the_message() {
        assertThat(AlertMailer.subject(alert)).isEqualTo("[sheet-sync] HIGH sync_gap: 1 seller(s) in the sheet are"
                + " still not right in the database after the automatic resync: AA12679");
    }

    @Test
    void the_body_names_the_sellers_counts_run_and_dashboard() {
        String body = mailer.body(alert, "http://sync.example.com/");

        assertThat(body).contains("AA12679", "remainingGaps: 1", "gapsDetected: 1", "Sync run: run-7",
                "Dashboard: http://sync.example.com/", "http://sync.example.com/api/alerts/a1b2/acknowledge",
                "Severity: high", "2026-11-28T10:00:00Z");
    }

    @Test
    void a_long_message_is_cut_in_the_subject_but_whole_in_the_body() {
        Alert wordy = new Alert("x", "medium", "data_integrity", "x".repeat(300), "{}", Instant.EPOCH, false, null,
                null, null, 1, null);

        assertThat(AlertMailer.subject(wordy)).hasSizeLessThan(160).endsWith("...");
        assertThat(mailer.body(wordy, "http://d/")).contains("x".repeat(300));
    }

    @Test
    void a_long_message_is_never_cut_inside_a_character() {
        // the emoji's two UTF-16 halves sit at 116 and 117, where the subject cuts
        Alert emoji = new Alert("x", "low", "sync_failed", "x".repeat(116) + "🌸" + "x".repeat(50), "{}",
                Instant.EPOCH, false, null, null, null, 1, null);

        assertThat(AlertMailer.subject(emoji)).endsWith(": " + "x".repeat(116) + "...");
    }

    @Test
    void control_characters_of_the_message_become_spaces_in_the_subject() {
        Alert forged = new Alert("x", "high", "sync_failed", "bad header 'a\r\nBcc: intruder@example.com\u2028b\u0000c'",
                "{}", Instant.EPOCH, false, null, null, null, 1, null);

        assertThat(AlertMailer.subject(forged))
                .isEqualTo("[sheet-sync] HIGH sync_failed: bad header 'a  Bcc: intruder@example.com b c'");
    }

    @Test
    void the_endpoint_is_smtps_only_for_tls_from_the_first_byte() {
        assertThat(AlertMailer.endpoint(mail(Map.of("SYNC_SMTP_HOST", "mx", "SYNC_SMTP_USER", "u",
                "SYNC_SMTP_SECURITY", "smtps")))).isEqualTo("smtps://mx:465");
        assertThat(AlertMailer.endpoint(mail(Map.of("SYNC_SMTP_HOST", "mx", "SYNC_SMTP_USER", "u",
                "SYNC_SMTP_PORT", "587")))).isEqualTo("smtp://mx:587");
        assertThat(AlertMailer.endpoint(mail(Map.of("SYNC_SMTP_HOST", "mx")))).isEqualTo("smtp://mx:25");
    }

    private static SyncConfig.Mail mail(Map<String, String> env) {
        return SyncConfig.load(env, new Properties()).mail();
    }
}
