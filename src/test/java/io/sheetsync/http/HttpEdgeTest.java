package io.sheetsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's own rules at the HTTP server, over real HTTP: body limits before auth, multipart off, bounded
 * request lines and headers, tokens only in the header, security headers, only the dashboard's files served, and
 * health details for local callers only.
 */
@org.junit.jupiter.api.Timeout(60)
class HttpEdgeTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MB = 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void a_100_mb_body_without_a_token_is_refused_with_413_before_it_is_read() throws Exception {
        // a client that ignores Expect and writes all it has: the answer comes before the body is taken, and the
        // connection closes under the sender
        long before = usedHeapAfterGc();
        try (Socket socket = new Socket("127.0.0.1", SYNC.service().port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/sync HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 100 * MB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread sender = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (long sent = 0; sent < 100 * MB; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException closedEarly) {
                    // the service closed the connection: what the test expects
                }
            });
            sender.start();
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).endsWith(" 413");
            socket.close();
            sender.join(30_000);
        }

        assertThat(runsStarted()).isZero();
        assertThat(SYNC.service().get("/api/sync/status", TestService.VIEWER).statusCode()).isEqualTo(200);
        assertThat(usedHeapAfterGc() - before).isLessThan(16 * MB);
    }

    @Test
    void twenty_concurrent_1_mb_bodies_get_413_and_the_service_still_answers_with_memory_steady() throws Exception {
        long before = usedHeapAfterGc();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String path = i % 2 == 0 ? "/api/sync" : "/api/config";
                posts.add(() -> rawPost(path, (int) MB, true));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(posts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).hasSize(20).containsOnly(413);
        } finally {
            pool.shutdownNow();
        }

        assertThat(SYNC.service().get("/api/sync/status", TestService.VIEWER).statusCode()).isEqualTo(200);
        assertThat(runsStarted()).isZero();
        // 20 MB were offered; a service that buffered them would hold them (or their garbage) now
        assertThat(usedHeapAfterGc() - before).isLessThan(16 * MB);
    }

    @Test
    void a_chunked_body_over_the_limit_is_cut_off_with_413_before_auth() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/config"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(MB)))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
    }

    @Test
    void a_body_within_the_limit_still_reaches_auth_and_the_handler() throws Exception {
        HttpResponse<String> noToken = SYNC.service().put("/api/config", null, "{\"syncIntervalMinutes\": 5}");
        HttpResponse<String> admin = SYNC.service().put("/api/config", TestService.ADMIN, "{\"syncIntervalMinutes\": 5}");

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void multipart_uploads_are_refused() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/config"))
                        .header("Content-Type", "multipart/form-data; boundary=x")
                        .PUT(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"f\";"
                                + " filename=\"a.txt\"\r\n\r\nhello\r\n--x--\r\n"))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(415);
    }

    @Test
    void request_lines_and_headers_are_bounded() throws Exception {
        String auth = "Authorization: Bearer " + TestService.VIEWER + "\r\n";
        String longQuery = rawStatus("GET /api/alerts?limit=" + "9".repeat(8_000) + " HTTP/1.1\r\nHost: x\r\n" + auth
                + "\r\n");
        String hugeHeader = rawStatus("GET /api/sync/status HTTP/1.1\r\nHost: x\r\n" + auth + "X-Padding: "
                + "p".repeat(16_000) + "\r\n\r\n");

        assertThat(longQuery).endsWith(" 414");
        assertThat(hugeHeader).endsWith(" 431");
    }

    /** The status line's start of the answer to a request written as is. */
    private String rawStatus(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SYNC.service().port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void a_token_in_the_query_string_gets_401_and_starts_no_run() throws Exception {
        String query = "?Authorization=Bearer%20" + TestService.OPERATOR;
        HttpResponse<String> post = SYNC.service().post("/api/sync" + query, null);
        HttpResponse<String> lowerCase = SYNC.service().post("/api/sync?authorization=Bearer%20"
                + TestService.OPERATOR, null);
        HttpResponse<String> get = SYNC.service().get("/api/sync/status" + query, null);

        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(lowerCase.statusCode()).isEqualTo(401);
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(post.body()).get("message").asText()).contains("Authorization header");
        assertThat(runsStarted()).isZero();
        SYNC.service().get("/api/sync/status", TestService.VIEWER); // a success clears the failures counted
    }

    @Test
    void unknown_query_parameters_are_refused_on_every_endpoint_and_start_nothing() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                SYNC.service().post("/api/sync?force=true", TestService.OPERATOR),
                SYNC.service().get("/api/sync/status?verbose=1", TestService.VIEWER),
                SYNC.service().get("/api/sync/00000000-0000-0000-0000-000000000000?x=1", TestService.VIEWER),
                SYNC.service().post("/api/sync/00000000-0000-0000-0000-000000000000/cancel?x=1", TestService.OPERATOR),
                SYNC.service().post("/api/alerts/00000000-0000-0000-0000-000000000000/acknowledge?x=1",
                        TestService.OPERATOR),
                SYNC.service().get("/api/dashboard?x=1", TestService.VIEWER),
                SYNC.service().get("/api/config?x=1", TestService.ADMIN));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).get("field").asText()).isIn("force", "verbose", "x");
        }
        assertThat(runsStarted()).isZero();
    }

    @Test
    void every_answer_carries_the_security_headers() throws Exception {
        for (String path : List.of("/", "/index.html", "/app.js", "/style.css", "/api/sync/status", "/observe/health")) {
            HttpResponse<String> answer = SYNC.service().get(path, TestService.VIEWER);
            assertThat(answer.statusCode()).as(path).isIn(200, 503);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue("default-src 'self'; frame-ancestors 'none'");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    @Test
    void only_the_dashboards_own_files_are_served_never_files_of_the_working_directory() throws Exception {
        // Camel's static handler would serve files of the working directory (here the project: pom.xml)
        for (String path : List.of("/pom.xml", "/README.md", "/src/main/resources/application.properties",
                "/application.properties", "/META-INF/resources/app.js")) {
            HttpResponse<String> answer = SYNC.service().get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("<project", "camel.server");
        }
        assertThat(SYNC.service().get("/app.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void health_details_are_shown_to_local_callers_only() throws Exception {
        String local = SYNC.service().get("/observe/health?data=true", null).body();
        String forwarded = http.send(HttpRequest.newBuilder(uri("/observe/health?data=true&exposureLevel=full"))
                .header("X-Forwarded-For", "203.0.113.7").timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();

        assertThat(local).contains("sheet-sync-database");
        assertThat(JSON.readTree(forwarded).properties()).extracting(Map.Entry::getKey).containsExactly("status");

        Optional<InetAddress> outside = nonLoopbackAddress();
        if (outside.isEmpty()) {
            // no other address to call from on this machine: the decision that would apply to one
            assertThat(Callers.isLocal("203.0.113.7", false)).isFalse();
            return;
        }
        for (String path : List.of("/observe/health", "/observe/health/ready", "/observe/health/live")) {
            HttpResponse<String> remote = http.send(HttpRequest.newBuilder(URI.create("http://"
                            + outside.get().getHostAddress() + ":" + SYNC.service().port() + path
                            + "?data=true&exposureLevel=full&stackTrace=true")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(remote.body());
            assertThat(remote.statusCode()).as(path).isIn(200, 503);
            assertThat(body.properties()).as(path).extracting(Map.Entry::getKey).containsExactly("status");
            assertThat(remote.body()).doesNotContain("jdbc", "127.0.0.1", "sellers.csv");
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + SYNC.service().port() + path);
    }

    /** Sends {@code bytes} with Content-Length on a raw connection, as a client that never waits; the status code. */
    private int rawPost(String path, int bytes, boolean declareLength) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SYNC.service().port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (declareLength ? "Content-Length: " + bytes + "\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(new byte[bytes]);
                out.flush();
            } catch (IOException closedEarly) {
                // refused while we wrote
            }
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static InputStream zeros(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(count, left);
                java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static int runsStarted() throws Exception {
        try (Connection connection = SYNC.database().pooled(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sync_audit_logs")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
