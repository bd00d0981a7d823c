package io.sheetsync.sheet;

import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.googleapis.auth.oauth2.GoogleCredential;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.component.google.sheets.BatchGoogleSheetsClientFactory;
import org.apache.camel.support.ResourceHelper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;

/**
 * Builds the Sheets client of the google-sheets component against SYNC_SHEETS_ROOT_URL, with connect and read timeouts
 * from SYNC_SHEETS_TIMEOUT_SECONDS, for both the static-token and the service-account key path.
 *
 * <p>The root URL is read when the component builds its client (once); the timeouts and the static access token are
 * read from the configuration on every request, so a hot reload changes them. The static token is set on the
 * credential here, never through the component's accessToken option, so it only travels in the Authorization header.
 */
@SuppressWarnings("deprecation") // GoogleCredential is what camel-google-sheets 4.17 builds on
public class ConfiguredSheetsClientFactory extends BatchGoogleSheetsClientFactory {

    private final ConfigProvider config;
    private final HttpTransport transport;
    private final JsonFactory jsonFactory;

    public ConfiguredSheetsClientFactory(ConfigProvider config) {
        this(config, new NetHttpTransport(), new SheetsJsonFactory());
    }

    private ConfiguredSheetsClientFactory(ConfigProvider config, HttpTransport transport, JsonFactory jsonFactory) {
        super(transport, jsonFactory);
        this.config = config;
        this.transport = transport;
        this.jsonFactory = jsonFactory;
    }

    @Override
    protected void configure(Sheets.Builder builder) {
        builder.setRootUrl(config.current().sheets().rootUrl());
        HttpRequestInitializer credential = builder.getHttpRequestInitializer();
        builder.setHttpRequestInitializer(request -> {
            SyncConfig.Sheets sheets = config.current().sheets();
            if (credential instanceof Credential oauth && !(credential instanceof GoogleCredential google
                    && google.getServiceAccountPrivateKey() != null)) {
                String token = sheets.accessToken();
                if (token != null && !token.equals(oauth.getAccessToken())) {
                    oauth.setAccessToken(token);
                }
            }
            if (credential != null) {
                credential.initialize(request);
            }
            int millis = Math.toIntExact(sheets.timeoutSeconds() * 1000L);
            request.setConnectTimeout(millis);
            request.setReadTimeout(millis);
            // One retry at most, and only the credential asks for it (a 401 answered with a fresh service-account
            // token); every other retry is declared in the routes
            request.setNumberOfRetries(1);
        });
    }

    /**
     * The service-account path. Camel's own version neither applies {@link #configure} (so it would always call
     * sheets.googleapis.com) nor waits for the first request to fetch a token; this one does both, so start-up never
     * needs the network and the token comes from the key file's {@code token_uri}.
     */
    @Override
    public Sheets makeClient(CamelContext camelContext, String serviceAccountKey, Collection<String> scopes,
                             String applicationName, String delegate) {
        if (serviceAccountKey == null) {
            throw new IllegalArgumentException("serviceAccountKey is required to create Google Sheets client.");
        }
        GoogleCredential credential;
        try (InputStream key = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, serviceAccountKey)) {
            credential = GoogleCredential.fromStream(key, transport, jsonFactory)
                    .createScoped(scopes == null || scopes.isEmpty() ? null : scopes);
        } catch (IOException | RuntimeException e) {
            throw new SheetRefusedException("cannot use the service-account key file "
                    + serviceAccountKey.replaceFirst("^file:", "") + " (SYNC_SHEETS_CREDENTIALS_FILE): "
                    + e.getMessage(), 0, e);
        }
        if (delegate != null && !delegate.isBlank()) {
            credential = credential.createDelegated(delegate);
        }
        Sheets.Builder builder = new Sheets.Builder(transport, jsonFactory, credential)
                .setApplicationName(applicationName);
        configure(builder);
        return builder.build();
    }
}
