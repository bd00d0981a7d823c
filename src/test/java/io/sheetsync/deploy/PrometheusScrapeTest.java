package io.sheetsync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.support.DeployFiles;
import io.sheetsync.support.PrometheusServer;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sheetsync.support.DeployFiles.at;
import static io.sheetsync.support.DeployFiles.list;
import static io.sheetsync.support.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped Prometheus configuration against live services: the real prometheus binary scrapes two instances on
 * one database (as docker/compose.yaml runs them) with docker/prometheus/prometheus.yml, only its targets pointed at
 * the test's ports and its intervals shortened, and evaluates alerts.yml. Every Grafana panel's query and every alert
 * rule's query returns series, so a renamed metric cannot leave a panel empty or an alert silent.
 */
class PrometheusScrapeTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    static TestService second;
    static PrometheusServer prometheus;

    @BeforeAll
    static void scrapeTwoInstancesAfterARunOnEach() throws Exception {
        second = TestService.start(SYNC.database(), Files.createTempDirectory("sheet-sync-second"), Map.of());
        String sample = DeployFiles.read(DeployFiles.root().resolve("samples/sellers.csv"));
        for (TestService instance : List.of(SYNC.service(), second)) {
            instance.sheet(sample);
            assertThat(instance.syncNow().status()).isEqualTo("completed");
        }
        Path directory = Files.createTempDirectory("prometheus-test");
        prometheus = PrometheusServer.start(configuration(directory,
                List.of(SYNC.service().port(), second.port())), directory);
        // Three scrapes of each target: enough samples for every increase() and rate() of the dashboard and rules
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                prometheus.query("count_over_time(up{job=\"sheet-sync\"}[1m]) >= 3").size() == 2
                        && rulesEvaluated());
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void both_instances_are_scraped_on_their_metrics_path() throws Exception {
        JsonNode up = prometheus.query("up{job=\"sheet-sync\"}");

        assertThat(up).hasSize(2);
        up.forEach(target -> assertThat(target.path("value").get(1).asText()).isEqualTo("1"));
        assertThat(prometheus.query("sheet_sync_runs_total{status=\"completed\"}")).hasSize(2);
    }

    @Test
    void every_dashboard_panel_query_returns_series_from_the_live_services() throws Exception {
        List<String> empty = new ArrayList<>();
        List<PrometheusQueries.PanelQuery> queries = PrometheusQueries.panelQueries();
        for (PrometheusQueries.PanelQuery query : queries) {
            if (prometheus.query(query.expr()).isEmpty()) {
                empty.add(query.panel() + ": " + query.expr());
            }
        }

        assertThat(queries).isNotEmpty();
        assertThat(empty).as("panel queries without series").isEmpty();
    }

    @Test
    void every_alert_rule_query_returns_series_and_its_expression_evaluates() throws Exception {
        List<String> empty = new ArrayList<>();
        for (Map<String, Object> rule : PrometheusQueries.rules()) {
            String expr = (String) rule.get("expr");
            prometheus.query(expr); // refused expressions fail here
            if (prometheus.query(PrometheusQueries.withoutThreshold(expr)).isEmpty()) {
                empty.add(rule.get("alert") + ": " + expr);
            }
        }

        assertThat(empty).as("alert rules whose query has no series").isEmpty();
    }

    @Test
    void prometheus_loaded_every_rule_and_evaluates_it_without_error() throws Exception {
        List<String> loaded = new ArrayList<>();
        for (JsonNode group : prometheus.get("/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("health").asText()).as(rule.path("name") + ": " + rule.path("lastError"))
                        .isEqualTo("ok");
                loaded.add(rule.path("name").asText());
            }
        }

        assertThat(loaded).containsExactlyInAnyOrderElementsOf(PrometheusRulesTest.alertNames());
    }

    @Test
    void a_healthy_pair_of_instances_fires_no_alert() throws Exception {
        assertThat(prometheus.query("ALERTS{alertstate=\"firing\"}")).isEmpty();
    }

    /** prometheus.yml as shipped, with the test's targets, one-second intervals and the rules file's absolute path. */
    static Path configuration(Path directory, List<Integer> ports) {
        Map<String, Object> config = DeployFiles.yaml(DeployFiles.docker("prometheus/prometheus.yml"));
        Map<String, Object> global = map(config.get("global"));
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        config.put("global", global);
        config.put("rule_files", list(config.get("rule_files")).stream()
                .map(file -> DeployFiles.docker("prometheus").resolve((String) file).toString()).toList());
        List<Object> jobs = list(config.get("scrape_configs"));
        assertThat(jobs).hasSize(1);
        Map<String, Object> job = map(jobs.get(0));
        List<Object> staticConfigs = list(at(job, "static_configs"));
        assertThat(list(map(staticConfigs.get(0)).get("targets"))).hasSameSizeAs(ports);
        job.put("static_configs", List.of(Map.of("targets", ports.stream().map(port -> "127.0.0.1:" + port).toList())));
        config.put("scrape_configs", List.of(job));
        Path file = directory.resolve("prometheus.yml");
        DeployFiles.writeYaml(file, config);
        return file;
    }

    private static boolean rulesEvaluated() throws Exception {
        for (JsonNode group : prometheus.get("/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("lastEvaluation").asText("").startsWith("0001")) {
                    return false;
                }
            }
        }
        return true;
    }
}
