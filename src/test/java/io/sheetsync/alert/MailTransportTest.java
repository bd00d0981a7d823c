package io.sheetsync.alert;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How alert mail reaches the SMTP server (SYNC_SMTP_SECURITY), and that it carries none of the service's headers. */
class MailTransportTest {

    static TestDatabase database;
    GreenMail mail;
    TestService service;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create(MailTransportTest.class);
        // GreenMail's certificate is self-signed for no host name: trusted here, and only here (Jakarta Mail reads
        // system properties under the session's own)
        System.setProperty("mail.smtps.ssl.trust", "127.0.0.1");
        System.setProperty("mail.smtps.ssl.checkserveridentity", "false");
    }

    @AfterAll
    static void dropDatabase() {
        System.clearProperty("mail.smtps.ssl.trust");
        System.clearProperty("mail.smtps.ssl.checkserveridentity");
        database.close();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        mail.stop();
    }

    @Test
    void an_alert_mail_carries_its_own_headers_and_none_of_the_service() throws Exception {
        start(ServerSetupTest.SMTP, Map.of());

        raiseAlert();

        MimeMessage received = onlyMail();
        List<Header> headers = Collections.list(received.getAllHeaders());
        assertThat(headers).extracting(Header::getName).doesNotContain(AlertMailer.MAIL_URI)
                .noneMatch(name -> name.startsWith("Camel") || name.startsWith("sheetSync"));
        assertThat(headers).extracting(Header::getValue).noneMatch(value -> value.contains("smtp://"));
        assertThat(received.getSubject()).isEqualTo("[sheet-sync] MEDIUM sync_failed: transport test");
    }

    @Test
    void smtps_sends_over_tls_from_the_first_byte_with_the_user_and_password() throws Exception {
        start(ServerSetupTest.SMTPS, Map.of("SYNC_SMTP_SECURITY", "smtps", "SYNC_SMTP_USER", "sheet-sync",
                "SYNC_SMTP_PASSWORD", "mail-secret"));
        mail.setUser("sheet-sync@localhost", "sheet-sync", "mail-secret");

        raiseAlert();

        assertThat(onlyMail().getSubject()).isEqualTo("[sheet-sync] MEDIUM sync_failed: transport test");
    }

    @Test
    void with_a_user_starttls_is_required_so_a_server_without_it_gets_no_mail_and_no_password() throws Exception {
        start(ServerSetupTest.SMTP, Map.of("SYNC_SMTP_USER", "sheet-sync", "SYNC_SMTP_PASSWORD", "mail-secret"));
        assertThat(service.service().config().current().mail().security()).isEqualTo(SyncConfig.MailSecurity.STARTTLS);

        raiseAlert();

        assertThat(database.query("SELECT type FROM sync_alerts")).as("the alert is stored all the same")
                .containsExactly("sync_failed");
        assertThat(mail.getReceivedMessages()).as("nothing sent in clear").isEmpty();
    }

    private void start(ServerSetup setup, Map<String, String> settings) throws Exception {
        ServerSetup dynamic = setup.dynamicPort();
        dynamic.setServerStartupTimeout(20_000); // the TLS server loads its key store first
        mail = new GreenMail(dynamic);
        mail.start();
        Map<String, String> overrides = new java.util.HashMap<>(settings);
        overrides.put("SYNC_SMTP_HOST", "127.0.0.1");
        overrides.put("SYNC_SMTP_PORT", Integer.toString(setup.getProtocol().equals("smtps")
                ? mail.getSmtps().getPort() : mail.getSmtp().getPort()));
        overrides.put("SYNC_ALERT_EMAILS", "ops@example.com");
        service = TestService.start(database, Files.createTempDirectory("mail-transport"), overrides);
        database.execute("DELETE FROM sync_alerts");
    }

    /** Raises an alert through the alert route, as a finished run does; the mail is sent on the calling thread. */
    private void raiseAlert() {
        service.request("direct:raise-alert", new NewAlert(Severity.MEDIUM, AlertType.SYNC_FAILED, "transport-test",
                "transport test", Map.of(), null));
    }

    private MimeMessage onlyMail() {
        assertThat(mail.waitForIncomingEmail(10_000, 1)).as("the alert mail").isTrue();
        assertThat(mail.getReceivedMessages()).hasSize(1);
        return mail.getReceivedMessages()[0];
    }
}
