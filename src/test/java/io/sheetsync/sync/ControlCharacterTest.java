package io.sheetsync.sync;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sheetsync.support.RunningService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Line breaks in sheet cells and headers reach log messages and alert texts; they must not forge a log line of their
 * own, nor a header of the alert mail.
 */
class ControlCharacterTest {

    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    @Order(2)
    static final RunningService SYNC = new RunningService(() -> {
        MAIL.start();
        return Map.of("SYNC_SMTP_HOST", "127.0.0.1", "SYNC_SMTP_PORT", Integer.toString(MAIL.getSmtp().getPort()),
                "SYNC_ALERT_EMAILS", "ops@example.com");
    });

    /** A cell made to end its log line and start a forged one, and to add a header to the alert mail. */
    static final String FORGED = "AA2\r\nBcc: intruder@example.com\r\nERROR [main] run failed";

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final List<ILoggingEvent> events = Collections.synchronizedList(new java.util.ArrayList<>());
    private OutputStreamAppender<ILoggingEvent> appender;

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    /** The service's log as the configured layout writes it (the conversion rule of logback-test.xml included). */
    @BeforeEach
    void captureTheLog() {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %msg%n");
        encoder.start();
        appender = new OutputStreamAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                events.add(event);
                super.append(event);
            }
        };
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(logged);
        appender.start();
        ((Logger) LoggerFactory.getLogger("io.sheetsync")).addAppender(appender);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger("io.sheetsync")).detachAppender(appender);
        appender.stop();
    }

    @Test
    void a_line_break_in_a_seller_number_cell_stays_inside_its_one_log_line_and_out_of_the_mail_headers()
            throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        SYNC.service().sheet("seller_number,name,inquiry_date\nAA1,One,2024-01-01\n\"" + FORGED
                + "\",Two,2024-01-02\n");

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).isEqualTo("completed");
        List<String> lines = lines();
        assertThat(lines).hasSize(events.size());
        assertThat(lines).noneMatch(line -> line.startsWith("ERROR") || line.startsWith("Bcc"));
        assertThat(lines).filteredOn(line -> line.contains("'AA2")).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(line -> line.contains("AA2\\r\\nBcc: intruder@example.com\\r\\nERROR [main] run failed"));
        MimeMessage mail = onlyMail();
        assertThat(mail.getSubject()).startsWith("[sheet-sync] MEDIUM data_integrity: ")
                .contains("Bcc: intruder@example.com").doesNotContain("\r", "\n");
        assertThat(mail.getHeader("Bcc")).isNull();
    }

    @Test
    void a_line_break_in_a_header_stays_inside_its_one_log_line_and_the_mail_subject() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        SYNC.service().sheet("seller_number,Name,\"Na\r\nme\",inquiry_date\nAA1,One,One,2024-01-01\n");

        RunSummary run = SYNC.service().syncNow();

        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.error()).contains("columns B 'Name' and C 'Na\r\nme' both map to field name");
        List<String> lines = lines();
        assertThat(lines).hasSize(events.size()).noneMatch(line -> line.startsWith("me'"));
        assertThat(lines).filteredOn(line -> line.contains("'Na")).isNotEmpty()
                .allMatch(line -> line.contains("C 'Na\\r\\nme' both map"));
        assertThat(onlyMail().getSubject()).startsWith("[sheet-sync] MEDIUM sync_failed: ")
                .contains("C 'Na  me' both").doesNotContain("\r", "\n");
    }

    private static MimeMessage onlyMail() {
        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).as("the alert mail").isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private List<String> lines() {
        String text = logged.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
    }
}
