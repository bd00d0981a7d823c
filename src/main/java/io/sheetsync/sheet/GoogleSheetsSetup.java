package io.sheetsync.sheet;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.sheets.GoogleSheetsComponent;
import org.apache.camel.component.google.sheets.GoogleSheetsConfiguration;

/**
 * Configures Camel's {@code google-sheets} component from the configuration: our client factory (root URL, timeouts),
 * the application name and the credentials (a static access token or a service-account key file).
 *
 * <p>Apply it before the first {@code google-sheets:} endpoint is used: the component builds its client once.
 */
public final class GoogleSheetsSetup {

    public static final String COMPONENT_NAME = "google-sheets";
    public static final String APPLICATION_NAME = "sheet-sync";
    /** Reading is all the service does. */
    public static final String SCOPE = "https://www.googleapis.com/auth/spreadsheets.readonly";
    /*
     * The component only takes the static-token path when a client id and secret are set. They are sent nowhere:
     * without a refresh token the client never calls a token endpoint.
     */
    static final String STATIC_TOKEN_CLIENT_ID = "sheet-sync-static-token";
    static final String STATIC_TOKEN_CLIENT_SECRET = "unused";

    private final ConfigProvider config;

    public GoogleSheetsSetup(ConfigProvider config) {
        this.config = config;
    }

    /** Configures the context's google-sheets component (creating it if needed) and returns it. */
    public GoogleSheetsComponent applyTo(CamelContext context) {
        GoogleSheetsComponent component = context.getComponent(COMPONENT_NAME, GoogleSheetsComponent.class);
        configure(component);
        return component;
    }

    /** A configured component, e.g. to bind into the registry under {@link #COMPONENT_NAME}. */
    public GoogleSheetsComponent createComponent() {
        GoogleSheetsComponent component = new GoogleSheetsComponent();
        configure(component);
        return component;
    }

    private void configure(GoogleSheetsComponent component) {
        component.setConfiguration(componentConfiguration(config.current().sheets()));
        component.setClientFactory(new ConfiguredSheetsClientFactory(config));
    }

    /**
     * The component configuration: a static access token wins over a key file when both are set, as an explicit
     * override (e.g. while a key is being rotated).
     */
    static GoogleSheetsConfiguration componentConfiguration(SyncConfig.Sheets sheets) {
        GoogleSheetsConfiguration configuration = new GoogleSheetsConfiguration();
        configuration.setApplicationName(APPLICATION_NAME);
        if (sheets.accessToken() != null) {
            configuration.setClientId(STATIC_TOKEN_CLIENT_ID);
            configuration.setClientSecret(STATIC_TOKEN_CLIENT_SECRET);
            // Not configuration.setAccessToken: the producer copies every endpoint option onto the request, and the
            // request's accessToken option is the access_token query parameter, which would put the token in every
            // URL (and in error messages). The client factory sets it on the credential, so it travels in the
            // Authorization header only.

        } else if (sheets.credentialsFile() != null) {
            configuration.setServiceAccountKey("file:" + sheets.credentialsFile().toAbsolutePath());
            // Only here: a token-only credential refuses scopes (they are granted with the token)
            configuration.setScopes(SCOPE);
        }
        return configuration;
    }
}
