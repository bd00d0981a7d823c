package io.sheetsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Camel context and its routes over JMX, as jconsole sees them on the platform MBean server: statistics,
 * suspend/resume and stop/start, with the schedule on so the scheduler check has something to watch.
 */
class JmxManagementTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    static TestDatabase database;
    static TestService service;
    static String context;

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(JmxManagementTest.class);
        Files.writeString(directory.resolve("sellers.csv"), "seller_number,name,inquiry_date\nAA1,One,2024-01-01\n",
                StandardCharsets.UTF_8);
        // The schedule fires once right after start-up, then not for a week.
        service = TestService.start(database, directory, Map.of("SYNC_SCHEDULE_ENABLED", "true",
                "SYNC_INTERVAL_MINUTES", "10080"));
        context = service.service().camelContext().getManagementName();
        await().atMost(Duration.ofSeconds(30)).until(() -> database.query(
                "SELECT count(*) FROM sync_audit_logs WHERE status = 'completed' AND trigger_source = 'scheduled'")
                .equals(List.of("1")));
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    @Test
    void the_context_and_every_route_are_mbeans() throws Exception {
        ObjectName camel = new ObjectName("org.apache.camel:context=" + context + ",type=context,name=\"sheet-sync\"");

        assertThat(MBEANS.getAttribute(camel, "State")).isEqualTo("Started");
        Set<String> routes = MBEANS.queryNames(new ObjectName("org.apache.camel:context=" + context + ",type=routes,*"),
                null).stream().map(name -> ObjectName.unquote(name.getKeyProperty("name"))).collect(Collectors.toSet());
        assertThat(routes).containsAll(service.service().camelContext().getRoutes().stream()
                .map(org.apache.camel.Route::getRouteId).toList());
        assertThat(routes).contains("sync-scheduled", "sync-execute", "api-sync-trigger", "api-audit");
    }

    @Test
    void route_statistics_count_the_scheduled_run() throws Exception {
        assertThat((Long) MBEANS.getAttribute(route("sync-scheduled"), "ExchangesCompleted")).isGreaterThanOrEqualTo(1);
        assertThat((Long) MBEANS.getAttribute(route("sync-execute"), "ExchangesCompleted")).isGreaterThanOrEqualTo(1);
        assertThat((Long) MBEANS.getAttribute(route("sync-execute"), "ExchangesFailed")).isZero();
        assertThat((Long) MBEANS.getAttribute(route("sync-execute"), "LastProcessingTime")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void suspending_the_schedule_takes_the_scheduler_check_down_until_it_is_resumed() throws Exception {
        ObjectName scheduled = route("sync-scheduled");
        assertThat(schedulerCheck(200).get("status").asText()).isEqualTo("UP");

        MBEANS.invoke(scheduled, "suspend", null, null);
        try {
            assertThat(MBEANS.getAttribute(scheduled, "State")).isEqualTo("Suspended");
            JsonNode down = schedulerCheck(503);
            assertThat(down.get("status").asText()).isEqualTo("DOWN");
            assertThat(down.get("message").asText()).isEqualTo("route sync-scheduled is suspended: no scheduled runs");
        } finally {
            MBEANS.invoke(scheduled, "resume", null, null);
        }

        assertThat(MBEANS.getAttribute(scheduled, "State")).isEqualTo("Started");
        assertThat(schedulerCheck(200).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void stopping_an_api_route_takes_its_endpoint_away_until_it_is_started_again() throws Exception {
        ObjectName metrics = route("api-metrics");

        MBEANS.invoke(metrics, "stop", null, null);
        try {
            assertThat(MBEANS.getAttribute(metrics, "State")).isEqualTo("Stopped");
            assertThat(service.get("/api/metrics", TestService.VIEWER).statusCode()).isEqualTo(404);
        } finally {
            MBEANS.invoke(metrics, "start", null, null);
        }

        assertThat(MBEANS.getAttribute(metrics, "State")).isEqualTo("Started");
        assertThat(service.get("/api/metrics", TestService.VIEWER).statusCode()).isEqualTo(200);
    }

    private static ObjectName route(String id) throws Exception {
        return new ObjectName("org.apache.camel:context=" + context + ",type=routes,name=\"" + id + "\"");
    }

    private static JsonNode schedulerCheck(int expectedStatus) throws Exception {
        var answer = service.get("/observe/health/ready", null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(expectedStatus);
        for (JsonNode check : JSON.readTree(answer.body()).get("checks")) {
            if ("sheet-sync-scheduler".equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no scheduler check in " + answer.body());
    }
}
