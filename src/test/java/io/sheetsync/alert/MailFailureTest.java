package io.sheetsync.alert;

import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import io.sheetsync.sync.RunSummary;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A mail server that is down never fails a sync, and the alert is still stored. */
class MailFailureTest {

    @RegisterExtension
    @Order(2)
    static final RunningService SYNC = new RunningService(() -> Map.of(
                "SYNC_SMTP_HOST", "127.0.0.1",
                "SYNC_SMTP_PORT", Integer.toString(TestService.freePort()),
                "SYNC_ALERT_EMAILS", "ops@example.com"));

    @Test
    void a_run_with_an_alert_completes_although_the_mail_cannot_be_sent() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01", "AA2,,2024-01-01"));

        RunSummary summary = SYNC.service().syncNow();

        assertThat(summary.status()).isEqualTo("completed");
        assertThat(SYNC.database().query("SELECT type FROM sync_alerts")).containsExactly("data_integrity");
        assertThat(SYNC.database().query("SELECT seller_number FROM sellers")).containsExactly("AA1");
    }
}
