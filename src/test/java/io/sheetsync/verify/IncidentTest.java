package io.sheetsync.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sheetsync.support.LosingTrigger;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident this service exists for, end to end: the database silently loses inserts of some sellers. The run must
 * find them, re-sync them, and when one cannot be stored, fail and say so by mail.
 */
class IncidentTest {

    @RegisterExtension
    @Order(1)
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @RegisterExtension
    @Order(2)
    static final RunningService SYNC = new RunningService(() -> Map.of(
                "SYNC_SMTP_HOST", "127.0.0.1",
                "SYNC_SMTP_PORT", Integer.toString(MAIL.getSmtp().getPort()),
                "SYNC_SMTP_FROM", "sheet-sync@example.com",
                "SYNC_ALERT_EMAILS", "ops@example.com,backoffice@example.com",
                "SYNC_DASHBOARD_URL", "http://sync.example.com/"));

    static final List<String> SHEET = List.of("seller_number,name,inquiry_date,property_type",
            "AA12677,Before,2024-01-01,", "AA12678,Also Before,2024-01-02,土地", "AA12679,山田 太郎,2024-01-03,戸建て",
            "AA12680,After,2024-01-04,");

    static LosingTrigger trigger;

    @BeforeAll
    static void start() throws Exception {
        trigger = LosingTrigger.install(SYNC.database());
        SYNC.service().sheet(SHEET);
    }

    @BeforeEach
    void reset() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        trigger.clear();
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @Test
    void sellers_the_database_silently_lost_are_found_resynced_and_exist_afterwards() throws Exception {
        trigger.drop("AA12679", 1).drop("AA12680", 1);

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(summary.gaps()).isEmpty();
        assertThat(SYNC.database().query("SELECT seller_number FROM sellers ORDER BY 1"))
                .containsExactly("AA12677", "AA12678", "AA12679", "AA12680");
        assertThat(SYNC.database().query("SELECT p.property_type FROM properties p JOIN sellers s ON s.id = p.seller_id"
                + " WHERE s.seller_number = 'AA12679'")).containsExactly("戸建て");
        assertThat(SYNC.database().query("SELECT seller_number || '|' || resynced || '|' || (detected_at IS NOT NULL)"
                + " FROM sync_gaps WHERE audit_log_id = '" + summary.syncId() + "' ORDER BY 1"))
                .containsExactly("AA12679|true|true", "AA12680|true|true");
        assertThat(summary.counts().failed()).isZero();
        assertThat(summary.counts().created()).isEqualTo(4);

        JsonNode run = new ObjectMapper().readTree(SYNC.service().get("/api/sync/" + summary.syncId(), TestService.VIEWER).body());
        JsonNode verification = run.get("verification");
        assertThat(verification.get("gapsDetected")).extracting(JsonNode::asText).containsExactly("AA12679", "AA12680");
        assertThat(verification.get("autoResyncAttempted").asBoolean()).isTrue();
        assertThat(verification.get("autoResyncSuccess").asBoolean()).isTrue();
        assertThat(verification.get("remainingGaps")).isEmpty();
        assertThat(verification.get("spreadsheetCount").asInt()).isEqualTo(4);
        assertThat(verification.get("databaseCount").asInt()).isEqualTo(4);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_seller_that_cannot_be_stored_fails_the_run_and_the_alert_mail_names_it() throws Exception {
        trigger.alwaysDrop("AA12679");

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("failed");
        assertThat(summary.gaps()).containsExactly("AA12679");
        assertThat(summary.error()).contains("AA12679");
        assertThat(SYNC.database().query("SELECT error_type FROM sync_audit_logs WHERE id = '" + summary.syncId() + "'"))
                .containsExactly("gaps");
        assertThat(SYNC.database().query("SELECT seller_number || '|' || resynced FROM sync_gaps")).containsExactly("AA12679|false");
        assertThat(SYNC.database().query("SELECT severity || '|' || type || '|' || (message LIKE '%AA12679%') FROM sync_alerts"))
                .contains("high|sync_gap|true");

        MimeMessage[] mails = MAIL.getReceivedMessages();
        MimeMessage gapMail = java.util.Arrays.stream(mails)
                .filter(mail -> subject(mail).contains("sync_gap")).findFirst().orElseThrow();
        assertThat(subject(gapMail)).startsWith("[sheet-sync] HIGH sync_gap:").contains("AA12679");
        String body = GreenMailUtil.getBody(gapMail);
        assertThat(body).contains("AA12679", summary.syncId(), "http://sync.example.com/", "remainingGaps: 1");
        assertThat(java.util.Arrays.stream(mails).filter(mail -> subject(mail).contains("sync_gap")))
                .hasSize(2); // one per recipient
        String metrics = SYNC.service().get("/observe/metrics", null).body();
        assertThat(metrics).containsPattern("(?m)^sheet_sync_current_gaps(\\{[^}]*\\})? 1\\.0$")
                .containsPattern("(?m)^sheet_sync_open_alerts(\\{[^}]*\\})? [1-9][0-9]*\\.0$");
    }

    @Test
    void the_same_open_gap_does_not_mail_again_every_cycle() throws Exception {
        trigger.alwaysDrop("AA12679");
        SYNC.service().syncNow();
        int mailsAfterFirst = MAIL.getReceivedMessages().length;

        SYNC.service().syncNow();
        SYNC.service().syncNow();

        assertThat(MAIL.getReceivedMessages()).hasSize(mailsAfterFirst + 2); // consecutive_failures at the third run
        assertThat(SYNC.database().query("SELECT type || '|' || occurrences FROM sync_alerts WHERE type = 'sync_gap'"))
                .containsExactly("sync_gap|3");
        assertThat(SYNC.service().get("/observe/metrics", null).body())
                .containsPattern("(?m)^sheet_sync_consecutive_failures(\\{[^}]*\\})? 3\\.0$");
    }

    @Test
    void a_healed_gap_resolves_its_open_alert() throws Exception {
        trigger.alwaysDrop("AA12679");
        SYNC.service().syncNow();
        trigger.clear();

        RunSummary healed = SYNC.service().syncNow();

        assertThat(healed.status()).isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT type FROM sync_alerts WHERE resolved_at IS NULL AND NOT acknowledged"))
                .doesNotContain("sync_gap", "sync_failed");
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
