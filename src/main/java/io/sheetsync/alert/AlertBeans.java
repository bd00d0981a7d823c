package io.sheetsync.alert;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.mail.MailComponent;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Properties;

/** The beans {@code routes/alerts.camel.yaml} calls: store, policy, console and mail. */
@Configuration
public final class AlertBeans implements CamelConfiguration {

    private final AlertService service;
    private final AlertRepository alerts;
    private final ConfigProvider config;
    private final ObjectMapper json;

    public AlertBeans(AlertService service, AlertRepository alerts, ConfigProvider config, ObjectMapper json) {
        this.service = service;
        this.alerts = alerts;
        this.config = config;
        this.json = json;
    }

    @BindToRegistry("alertRepository")
    public AlertRepository alertRepository() {
        return alerts;
    }

    @BindToRegistry("alertService")
    public AlertService alertService() {
        return service;
    }

    @BindToRegistry("alertConsole")
    public AlertConsole alertConsole() {
        return new AlertConsole();
    }

    @BindToRegistry("alertMailer")
    public AlertMailer alertMailer() {
        return new AlertMailer(config, json);
    }

    /**
     * The transport security and the optional SMTP credentials, set on the component the mail goes through (smtp, or
     * smtps for TLS from the first byte) so that endpoint URIs carry no secrets; application.properties has the rest.
     */
    @Override
    public void configure(CamelContext camelContext) {
        SyncConfig.Mail mail = config.current().mail();
        boolean smtps = mail.security() == SyncConfig.MailSecurity.SMTPS;
        MailComponent component = camelContext.getComponent(smtps ? "smtps" : "smtp", MailComponent.class);
        component.getConfiguration().setAdditionalJavaMailProperties(transportSecurity(mail.security()));
        if (mail.user() != null) {
            component.getConfiguration().setUsername(mail.user());
        }
        if (mail.password() != null) {
            component.getConfiguration().setPassword(mail.password());
        }
    }

    /**
     * Jakarta Mail settings for the chosen security: STARTTLS is required, not merely tried, so a server (or a man in
     * the middle) that does not offer it gets no mail rather than the password in clear. The certificate is checked
     * against the JVM's trust store and must name the host: Angus Mail's defaults, left as they are.
     */
    static Properties transportSecurity(SyncConfig.MailSecurity security) {
        Properties properties = new Properties();
        if (security == SyncConfig.MailSecurity.STARTTLS) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
        }
        return properties;
    }
}
