package io.sheetsync.alert;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.MutableClock;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.sheetsync.support.Unchecked.checked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed properties 11 and 12: every alert that is created reaches the console in one line with its time and severity
 * and, with mail configured, the inbox of exactly the configured recipients; a repeat of an open alert reaches neither.
 */
class AlertDeliveryProperties {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
    static final String ALERT_LOGGER = "io.sheetsync.alert";
    static final List<String> LOCAL_PARTS = List.of("ops", "backoffice", "taro.yamada", "alerts+sync",
            "on-call", "x", "sheet_sync.admin");
    static final List<String> DOMAINS = List.of("example.com", "example.co.jp", "mail.example.org");
    static final List<String> WORDS = List.of("売主番号", "AA12679", "が見つかりません", "sync", "failed:",
            "row 73:", "inquiry_date '2024-13-45'", "\"quoted\"", "O'Brien, Pat", "山田\u3000太郎", "さくら 🌸", "=SUM(A1)",
            "<b>bold</b>", "50%", "\t", "\n", "\r\n", "\r", ",", ";");

    static GreenMail mail;
    static TestDatabase database;
    static TestService service;
    static Map<String, String> settings;
    static ListAppender<ILoggingEvent> console;

    /**
     * An alert to raise: {@code condition} picks one of a few open conditions per example, so some alerts repeat an
     * earlier one; {@code laterMillis} is how far the clock moves before it is raised.
     */
    record Raise(Severity severity, AlertType type, int condition, String message, List<String> sellers,
                 int laterMillis) {

        String conditionKey() {
            return type.code() + ":property-" + condition;
        }

        NewAlert alert() {
            return new NewAlert(severity, type, conditionKey(), message, Map.of("sellerNumbers", sellers), null);
        }

        @Override
        public String toString() {
            return "+" + laterMillis + "ms " + severity.code() + " " + conditionKey() + " "
                    + message.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    /** The recipients configured for the example, and the alerts raised in it, in order. */
    record Scenario(List<String> recipients, List<Raise> raises) {

        @Override
        public String toString() {
            return "recipients " + recipients + "\n  " + raises.stream().map(Raise::toString)
                    .collect(Collectors.joining("\n  "));
        }
    }

    /** An alert the example created (not a repeat): the stored id and the time the clock showed when it was raised. */
    record Created(Raise raise, String id, Instant at) {
    }

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        database = TestDatabase.create(AlertDeliveryProperties.class);
        settings = Map.of("SYNC_SMTP_HOST", "127.0.0.1", "SYNC_SMTP_PORT",
                Integer.toString(mail.getSmtp().getPort()), "SYNC_ALERT_EMAILS", "nobody@example.com",
                // the clock moves hours over the examples: the no-sync watchdog must not raise alerts of its own
                "SYNC_NO_SYNC_ALERT_MINUTES", Integer.toString(7 * 24 * 60));
        service = TestService.start(database, Files.createTempDirectory("alert-delivery"), settings, CLOCK);
        console = new ListAppender<>();
        console.start();
        ((Logger) LoggerFactory.getLogger(ALERT_LOGGER)).addAppender(console);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(ALERT_LOGGER)).detachAppender(console);
        service.close();
        database.close();
        mail.stop();
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 11: Alert console logging — for any created sync"
            + " alert, the system should log it to console with timestamp and severity level")
    void every_created_alert_is_one_console_line_with_its_time_and_severity() {
        PropertyTests.runs().forAll(scenarios()).checkAssert(checked(scenario -> {
            List<Created> created = raise(scenario);

            List<ILoggingEvent> lines = console.list.stream()
                    .filter(event -> event.getFormattedMessage().startsWith("ALERT ")).toList();
            assertThat(lines).hasSize(created.size());
            for (int i = 0; i < created.size(); i++) {
                Created alert = created.get(i);
                ILoggingEvent event = lines.get(i);
                String line = event.getFormattedMessage();
                assertThat(line).as("one line").doesNotContain("\n", "\r");
                // README, "Alerts": ALERT <time> severity=<s> type=<t> id=<id> ...: <message>, ERROR for high
                String[] words = line.split(" ", 6);
                assertThat(Instant.parse(words[1])).isEqualTo(alert.at());
                assertThat(words[2]).isEqualTo("severity=" + alert.raise().severity().code());
                assertThat(words[3]).isEqualTo("type=" + alert.raise().type().code());
                assertThat(words[4]).startsWith("id=" + alert.id());
                assertThat(event.getLevel())
                        .isEqualTo(alert.raise().severity() == Severity.HIGH ? Level.ERROR : Level.WARN);
                assertContainsInOrder(line.substring(line.indexOf(alert.id())), lines(alert.raise().message()));
            }
        }));
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 12: Email alert sending — for any created sync"
            + " alert when email is configured, the system should send alert emails to configured recipients")
    void every_created_alert_is_mailed_to_exactly_the_configured_recipients() {
        PropertyTests.runs().forAll(scenarios()).checkAssert(checked(scenario -> {
            List<Created> created = raise(scenario);

            Map<String, List<MimeMessage>> inboxes = inboxes();
            assertThat(inboxes.values().stream().mapToInt(List::size).sum())
                    .as("one mail per created alert and recipient").isEqualTo(created.size()
                            * scenario.recipients().size());
            for (Created alert : created) {
                Set<String> reached = new TreeSet<>();
                for (Map.Entry<String, List<MimeMessage>> inbox : inboxes.entrySet()) {
                    for (MimeMessage message : inbox.getValue()) {
                        String body = newlines(message.getContent().toString());
                        if (!body.contains(alert.id())) {
                            continue;
                        }
                        assertThat(reached.add(inbox.getKey())).as("one mail per recipient").isTrue();
                        assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .map(address -> ((InternetAddress) address).getAddress()))
                                .containsExactlyInAnyOrderElementsOf(scenario.recipients());
                        assertSubject(message.getSubject(), alert.raise());
                        assertThat(body).contains(newlines(alert.raise().message()), alert.at().toString(),
                                alert.raise().severity().code());
                    }
                }
                assertThat(reached).isEqualTo(new TreeSet<>(scenario.recipients()));
            }
        }));
    }

    /**
     * Starts the example from no alerts, no log lines and no mail, configures its recipients, then raises its alerts
     * one by one as the clock moves. Returns the alerts it created: the first of each condition.
     */
    private static List<Created> raise(Scenario scenario) throws Exception {
        database.execute("DELETE FROM sync_alerts");
        console.list.clear();
        mail.purgeEmailFromAllMailboxes();
        Map<String, String> overrides = new HashMap<>(settings);
        overrides.put("SYNC_HTTP_PORT", Integer.toString(service.port()));
        // as an operator types the list
        overrides.put("SYNC_ALERT_EMAILS", String.join(" , ", scenario.recipients()));
        service.service().config().replace(SyncConfig.load(TestService.settings(database, service.sheetFile(),
                overrides), new Properties()));

        Map<String, Created> created = new LinkedHashMap<>();
        for (Raise raise : scenario.raises()) {
            CLOCK.advance(Duration.ofMillis(raise.laterMillis()));
            Instant at = CLOCK.instant();
            service.request("direct:raise-alert", raise.alert());
            if (!created.containsKey(raise.conditionKey())) {
                List<String> ids = database.query("SELECT id::text FROM sync_alerts WHERE condition_key = '"
                        + raise.conditionKey() + "'");
                assertThat(ids).as("stored once: " + raise).hasSize(1);
                created.put(raise.conditionKey(), new Created(raise, ids.get(0), at));
            }
        }
        return new ArrayList<>(created.values());
    }

    /** Every mail received, by the recipient whose inbox holds it. */
    private static Map<String, List<MimeMessage>> inboxes() {
        Map<String, List<MimeMessage>> inboxes = new LinkedHashMap<>();
        for (GreenMailUser user : mail.getUserManager().listUser()) {
            List<MimeMessage> messages = mail.findReceivedMessages(owner -> owner.getEmail().equals(user.getEmail()),
                    message -> true).toList();
            if (!messages.isEmpty()) {
                inboxes.put(user.getEmail(), messages);
            }
        }
        return inboxes;
    }

    /**
     * README, "Alerts": the subject carries severity, type and message ({@code [sheet-sync] HIGH sync_gap: ...}); a
     * header is one line, and a long message may be cut short there (it is whole in the body).
     */
    private static void assertSubject(String subject, Raise raise) {
        String prefix = "[sheet-sync] " + raise.severity().name() + " " + raise.type().code() + ": ";
        assertThat(subject).startsWith(prefix).doesNotContain("\n", "\r");
        String shown = subject.substring(prefix.length());
        // a header drops white space at its ends
        String message = spaced(raise.message()).strip();
        shown = spaced(shown).strip();
        if (!shown.equals(message)) {
            assertThat(shown).endsWith("...");
            assertThat(message).startsWith(shown.substring(0, shown.length() - 3));
        }
    }

    private static void assertContainsInOrder(String text, List<String> parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertThat(at).as("'%s' in '%s' after position %d", part, text, from).isNotNegative();
            from = at + part.length();
        }
    }

    private static List<String> lines(String message) {
        return Arrays.stream(message.split("\\R")).filter(line -> !line.isEmpty()).toList();
    }

    /** The text with every run of white space, line breaks included, as one space. */
    private static String spaced(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static String newlines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Gen<Scenario> scenarios() {
        Gen<List<String>> recipients = in -> {
            Set<String> addresses = new LinkedHashSet<>();
            int size = Generate.range(1, 4).generate(in);
            while (addresses.size() < size) {
                addresses.add(Generate.pick(LOCAL_PARTS).generate(in) + "@" + Generate.pick(DOMAINS).generate(in));
            }
            return new ArrayList<>(addresses);
        };
        Gen<List<Raise>> raises = in -> {
            List<Raise> list = new ArrayList<>();
            int size = Generate.range(1, 4).generate(in);
            for (int i = 0; i < size; i++) {
                list.add(new Raise(Generate.enumValues(Severity.class).generate(in),
                        Generate.enumValues(AlertType.class).generate(in), Generate.range(0, 2).generate(in),
                        message(in), sellers(in), Generate.range(1, 60_000).generate(in)));
            }
            return list;
        };
        return recipients.zip(raises, Scenario::new).describedAs(Scenario::toString);
    }

    /** Messages as the service writes them around sheet text: quotes, commas, emoji, tabs, any line break, long. */
    private static String message(RandomnessSource in) {
        Gen<String> word = Generate.frequency(Pair.of(9, Generate.pick(WORDS)),
                Pair.of(1, Generate.constant("x".repeat(60))));
        StringBuilder text = new StringBuilder();
        int words = Generate.range(1, 14).generate(in);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(word.generate(in));
        }
        return text.toString().isBlank() ? "alert" + text : text.toString();
    }

    private static List<String> sellers(RandomnessSource in) {
        List<String> sellers = new ArrayList<>();
        int size = Generate.range(0, 3).generate(in);
        for (int i = 0; i < size; i++) {
            sellers.add("AA" + Generate.range(1, 99_999).generate(in));
        }
        return sellers;
    }
}
