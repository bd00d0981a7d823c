package io.sheetsync.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the alert mail (seed sendEmailAlert): a subject with severity and type, a body with the message, the seller
 * numbers and counts, the run id and a link to the dashboard. The route sends it through camel-mail; a failure to
 * send is logged and never fails a sync.
 */
public final class AlertMailer {

    /**
     * The exchange property naming the SMTP endpoint to send to (host and port only: credentials sit on the
     * component). A property, not a header: camel-mail writes every message header into the mail.
     */
    public static final String MAIL_URI = "sheetSyncMailUri";

    private static final Logger LOG = LoggerFactory.getLogger(AlertMailer.class);

    private final ConfigProvider config;
    private final ObjectMapper json;

    public AlertMailer(ConfigProvider config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** True when SMTP and recipients are configured. */
    public boolean enabled() {
        return config.current().mail().enabled();
    }

    /** Turns the {@link Alert} body into the mail: headers for camel-mail and the text. */
    public void compose(Exchange exchange) {
        Alert alert = exchange.getMessage().getBody(Alert.class);
        SyncConfig settings = config.current();
        SyncConfig.Mail mail = settings.mail();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("To", String.join(",", mail.recipients()));
        message.setHeader("From", mail.from());
        message.setHeader("Subject", subject(alert));
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        exchange.setProperty(MAIL_URI, endpoint(mail));
        message.setBody(body(alert, settings.alerts().dashboardUrl()));
    }

    /** The SMTP endpoint: smtps for TLS from the first byte, else smtp (STARTTLS is set on the component). */
    static String endpoint(SyncConfig.Mail mail) {
        String scheme = mail.security() == SyncConfig.MailSecurity.SMTPS ? "smtps" : "smtp";
        return scheme + "://" + mail.host() + ":" + mail.port();
    }

    /** Logs a failed send; the alert itself is already stored and logged. */
    public void failed(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("alert mail could not be sent to {}: {} (the alert is stored and shown on the dashboard)",
                config.current().mail().recipients(), error == null ? "unknown error" : error.getMessage());
    }

    static String subject(Alert alert) {
        // a header drops white space at its ends: measured without it, a short message is never cut
        String first = alert.message().strip();
        if (first.length() > 120) {
            // never between the two halves of a character outside the BMP (an emoji): the subject would show "?"
            first = first.substring(0, Character.isHighSurrogate(first.charAt(116)) ? 116 : 117) + "...";
        }
        return "[sheet-sync] " + alert.severity().toUpperCase(Locale.ROOT) + " " + alert.type() + ": "
                + withoutControls(first);
    }

    /**
     * A header is one line: every control character and line separator becomes a space, so text from the sheet can
     * neither fold the subject nor start a header of its own (Bcc:, Content-Type:).
     */
    static String withoutControls(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? ' ' : c));
        return clean.toString();
    }

    String body(Alert alert, String dashboardUrl) {
        StringBuilder text = new StringBuilder();
        text.append(alert.message()).append("\n\n");
        text.append("Severity: ").append(alert.severity()).append('\n');
        text.append("Type:     ").append(alert.type()).append('\n');
        text.append("Time:     ").append(alert.timestamp()).append('\n');
        if (alert.syncId() != null) {
            text.append("Sync run: ").append(alert.syncId()).append('\n');
        }
        text.append("Alert id: ").append(alert.id()).append("\n\n");
        appendDetails(text, alert.details());
        text.append("\nDashboard: ").append(dashboardUrl).append('\n');
        if (alert.syncId() != null) {
            text.append("This run:  ").append(dashboardUrl).append("api/sync/").append(alert.syncId()).append('\n');
        }
        text.append("\nAcknowledge it on the dashboard, or with an operator token:\n  curl -X POST -H \"Authorization: ")
                .append("Bearer $SYNC_OPERATOR_TOKEN\" ").append(dashboardUrl).append("api/alerts/").append(alert.id())
                .append("/acknowledge\n");
        return text.toString();
    }

    private void appendDetails(StringBuilder text, String details) {
        if (details == null) {
            return;
        }
        try {
            JsonNode node = json.readTree(details);
            text.append("Details:\n");
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                text.append("  ").append(field.getKey()).append(": ")
                        .append(value.isTextual() ? value.asText() : json.writeValueAsString(value)).append('\n');
            }
        } catch (JsonProcessingException e) {
            text.append("Details: ").append(details).append('\n');
        }
    }
}
