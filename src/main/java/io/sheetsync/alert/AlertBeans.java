package io.sheetsync.alert;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.mail.MailComponent;

import com.fasterxml.jackson.databind.ObjectMapper;

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

    /** The optional SMTP credentials: set on the component only when given (application.properties has the rest). */
    @Override
    public void configure(CamelContext camelContext) {
        SyncConfig.Mail mail = config.current().mail();
        if (mail.user() == null && mail.password() == null) {
            return;
        }
        MailComponent smtp = camelContext.getComponent("smtp", MailComponent.class);
        if (mail.user() != null) {
            smtp.getConfiguration().setUsername(mail.user());
        }
        if (mail.password() != null) {
            smtp.getConfiguration().setPassword(mail.password());
        }
    }
}
