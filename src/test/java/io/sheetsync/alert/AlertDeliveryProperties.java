package io.sheetsync.alert;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed properties 11 and 12: every new alert reaches the console and, when configured, every recipient's inbox. */
class AlertDeliveryProperties {

    static final List<String> RECIPIENTS = List.of("ops@example.com", "backoffice@example.com");

    static GreenMail mail;
    static TestDatabase database;
    static TestService service;
    static ListAppender<ILoggingEvent> console;

    @BeforeContainer
    static void start() throws Exception {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        database = TestDatabase.create(AlertDeliveryProperties.class);
        service = TestService.start(database, Files.createTempDirectory("alert-delivery"), Map.of(
                "SYNC_SMTP_HOST", "127.0.0.1",
                "SYNC_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()),
                "SYNC_ALERT_EMAILS", String.join(",", RECIPIENTS)));
        console = new ListAppender<>();
        console.start();
        ((Logger) LoggerFactory.getLogger("io.sheetsync.alert")).addAppender(console);
    }

    @AfterContainer
    static void stop() {
        ((Logger) LoggerFactory.getLogger("io.sheetsync.alert")).detachAppender(console);
        service.close();
        database.close();
        mail.stop();
    }

    @BeforeTry
    void clear() throws Exception {
        console.list.clear();
        mail.purgeEmailFromAllMailboxes();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 11: for any created sync alert, the system logs it to the"
            + " console with timestamp and severity level")
    void every_alert_is_logged_with_timestamp_and_severity(@ForAll("alerts") NewAlert alert) {
        service.request("direct:raise-alert", alert);

        String id = database.query("SELECT id::text FROM sync_alerts WHERE condition_key = '" + alert.conditionKey()
                + "'").get(0);
        String created = database.query("SELECT to_char(created_at, 'YYYY-MM-DD\"T\"HH24:MI') FROM sync_alerts"
                + " WHERE id = '" + id + "'").get(0);
        assertThat(console.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("id=" + id, "severity=" + alert.severity().code(), "type=" + alert.type().code(), created));
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 12: for any created sync alert when email is configured,"
            + " the system sends alert emails to the configured recipients")
    void every_alert_is_mailed_to_every_recipient(@ForAll("alerts") NewAlert alert) throws Exception {
        service.request("direct:raise-alert", alert);

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(RECIPIENTS.size());
        for (MimeMessage message : received) {
            assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                    .containsExactlyInAnyOrderElementsOf(RECIPIENTS);
            assertThat(message.getSubject()).startsWith("[sheet-sync] " + alert.severity().name() + " "
                    + alert.type().code());
        }
    }

    /** Alerts of every type and severity, each for a condition of its own so none is a repeat. */
    @Provide
    Arbitrary<NewAlert> alerts() {
        Arbitrary<String> message = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc 売主番号AA12679 が見つかりません,.;'\"").ofMinLength(1).ofMaxLength(60)
                        .filter(text -> !text.isBlank()),
                Arbitraries.of("1 seller(s) still missing: AA12679"));
        return Combinators.combine(Arbitraries.of(Severity.class), Arbitraries.of(AlertType.class), message)
                .as((severity, type, text) -> new NewAlert(severity, type, type.code() + ":" + UUID.randomUUID(), text,
                        Map.of("sellerNumbers", List.of("AA12679")), null));
    }
}
