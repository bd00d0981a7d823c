package io.sheetsync.support;

import io.sheetsync.app.SheetSyncService;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.sync.RunSummary;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The whole service, started in-process against a test database, with a CSV sheet the test rewrites at will and
 * the HTTP API on a free port. Tokens: {@link #ADMIN}, {@link #OPERATOR}, {@link #VIEWER}.
 */
public final class TestService implements AutoCloseable {

    public static final String ADMIN = "admin-token-for-the-tests-0001";
    public static final String OPERATOR = "operator-token-for-the-tests-01";
    public static final String VIEWER = "viewer-token-for-the-tests-0001";

    private final SheetSyncService service;
    private final Path sheet;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestService(SheetSyncService service, Path sheet, int port) {
        this.service = service;
        this.sheet = sheet;
        this.port = port;
    }

    /** Settings every test shares; {@code overrides} wins. The schedule is off: tests trigger runs themselves. */
    public static Map<String, String> settings(TestDatabase database, Path sheet, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("SYNC_DB_URL", database.url());
        env.put("SYNC_DB_USER", database.user());
        env.put("SYNC_FILE_PATH", sheet.toString());
        env.put("SYNC_HTTP_PORT", Integer.toString(freePort()));
        env.put("SYNC_ADMIN_TOKEN", ADMIN);
        env.put("SYNC_OPERATOR_TOKEN", OPERATOR);
        env.put("SYNC_VIEWER_TOKEN", VIEWER);
        env.put("SYNC_SCHEDULE_ENABLED", "false");
        env.put("SYNC_BATCH_SIZE", "50");
        // housekeeping runs when a test calls it, never on its daily schedule in the middle of a test
        env.put("SYNC_HOUSEKEEPING_CRON", "0 0 0 1 1 ? 2099");
        env.putAll(overrides);
        return env;
    }

    public static TestService start(TestDatabase database, Path directory, Map<String, String> overrides)
            throws Exception {
        return start(database, directory, overrides, Clock.systemUTC());
    }

    /** The service with a clock of the test's choosing. */
    public static TestService start(TestDatabase database, Path directory, Map<String, String> overrides, Clock clock)
            throws Exception {
        Path sheet = directory.resolve("sellers.csv");
        if (!Files.exists(sheet)) {
            Files.writeString(sheet, "seller_number,name,inquiry_date\n", StandardCharsets.UTF_8);
        }
        Map<String, String> env = settings(database, sheet, overrides);
        SheetSyncService service = SheetSyncService.start(SheetSyncService.Mode.SERVICE, properties(env), clock);
        return new TestService(service, sheet, service.config().current().httpPort());
    }

    /**
     * Settings named as in the environment ({@code SYNC_DB_URL}) as the properties they set ({@code sync.db.url}),
     * for the service's override properties: they win over files and the real environment, as variables would.
     */
    public static Properties properties(Map<String, String> settings) {
        Properties properties = new Properties();
        settings.forEach((key, value) -> properties.setProperty(
                key.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value));
        return properties;
    }

    /** Runs one manual sync to its end on the calling thread and returns its summary. */
    public RunSummary syncNow() throws Exception {
        return service.camelContext().createProducerTemplate()
                .requestBody("direct:sync", TriggerSource.MANUAL, RunSummary.class);
    }

    /** Sends a body to one of the service's routes and returns the answer. */
    public Object request(String endpoint, Object body) {
        return service.camelContext().createProducerTemplate().requestBody(endpoint, body);
    }

    public SheetSyncService service() {
        return service;
    }

    /** The HTTP port of the API and the dashboard. */
    public int port() {
        return port;
    }

    /** The CSV file the service reads as its sheet. */
    public Path sheetFile() {
        return sheet;
    }

    /** Replaces the sheet the next run reads. */
    public void sheet(String csv) throws IOException {
        Files.writeString(sheet, csv, StandardCharsets.UTF_8);
    }

    public void sheet(List<String> lines) throws IOException {
        sheet(String.join("\n", lines) + "\n");
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    public HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    /** A PUT with a JSON body. */
    public HttpResponse<String> put(String path, String token, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token)
            throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        service.close();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
