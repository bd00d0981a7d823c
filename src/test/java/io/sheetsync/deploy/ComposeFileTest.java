package io.sheetsync.deploy;

import io.sheetsync.support.DeployFiles;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.sheetsync.support.DeployFiles.at;
import static io.sheetsync.support.DeployFiles.list;
import static io.sheetsync.support.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml read as Compose reads it (anchors and merge keys resolved): it references only files that
 * exist, the port the service listens on, settings README's configuration table lists, and variables .env.example
 * explains; Prometheus scrapes both instances and Grafana finds its data source and dashboard.
 */
class ComposeFileTest {

    static final Path DOCKER = DeployFiles.docker("");
    static final Map<String, Object> COMPOSE = DeployFiles.yaml(DeployFiles.docker("compose.yaml"));
    static final Map<String, Object> SERVICES = map(COMPOSE.get("services"));
    static final List<String> INSTANCES = List.of("sheet-sync-1", "sheet-sync-2");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Test
    void it_starts_postgres_a_mail_catcher_two_instances_prometheus_and_grafana() {
        assertThat(SERVICES).containsOnlyKeys("postgres", "mailpit", "sheet-sync-1", "sheet-sync-2", "prometheus",
                "grafana");
    }

    @Test
    void both_instances_are_built_from_the_dockerfile_and_share_one_database() {
        for (String instance : INSTANCES) {
            Map<String, Object> service = map(SERVICES.get(instance));
            Path context = DOCKER.resolve((String) at(service, "build", "context")).normalize();
            assertThat(context).isEqualTo(DeployFiles.root());
            assertThat(context.resolve((String) at(service, "build", "dockerfile"))).isRegularFile();
        }
        Map<String, Object> postgres = map(at(SERVICES, "postgres", "environment"));
        for (String instance : INSTANCES) {
            URI database = URI.create(((String) environment(instance).get("SYNC_DB_URL")).substring("jdbc:".length()));
            assertThat(database.getHost()).isEqualTo("postgres");
            assertThat(database.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
            assertThat(environment(instance).get("SYNC_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(environment(instance).get("SYNC_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        }
        assertThat(list(at(SERVICES, "postgres", "volumes"))).anyMatch(volume ->
                volume.toString().endsWith(":/var/lib/postgresql/data"));
    }

    @Test
    void instances_use_only_settings_of_the_configuration_table() {
        Set<String> known = DeployFiles.configurationKeys();
        for (String instance : INSTANCES) {
            assertThat(environment(instance).keySet()).as(instance).isSubsetOf(known);
        }
    }

    @Test
    void instances_publish_the_port_they_listen_on_and_set_their_tokens() {
        List<String> hostPorts = new ArrayList<>();
        for (String instance : INSTANCES) {
            Map<String, Object> environment = environment(instance);
            String port = (String) environment.get("SYNC_HTTP_PORT");
            assertThat(port).isEqualTo(Dockerfile.read().exposedPort());
            for (Object mapping : list(at(SERVICES, instance, "ports"))) {
                assertThat(mapping.toString()).endsWith(":" + port);
                hostPorts.add(mapping.toString().split(":")[0]);
            }
            // Tokens: the API's only door, and what lets the service listen beyond loopback
            assertThat(environment).containsKeys("SYNC_ADMIN_TOKEN", "SYNC_OPERATOR_TOKEN", "SYNC_VIEWER_TOKEN");
        }
        assertThat(hostPorts).doesNotHaveDuplicates().hasSize(INSTANCES.size());
    }

    @Test
    void alert_mail_goes_to_the_mail_catcher() {
        for (String instance : INSTANCES) {
            assertThat(environment(instance).get("SYNC_SMTP_HOST")).isEqualTo("mailpit");
            assertThat(environment(instance).get("SYNC_ALERT_EMAILS")).isNotNull();
        }
        assertThat(list(at(SERVICES, "mailpit", "ports"))).contains("8025:8025");
    }

    @Test
    void the_default_source_is_the_sample_sheet_mounted_into_the_image_and_google_sheets_comes_from_the_environment() {
        for (String instance : INSTANCES) {
            String file = (String) environment(instance).get("SYNC_FILE_PATH");
            Path onHost = hostPath(instance, Path.of("/app").resolve(file).toString());
            assertThat(onHost).isRegularFile();
            assertThat(environment(instance).get("SYNC_SHEETS_SPREADSHEET_ID")).isEqualTo("${SYNC_SHEETS_SPREADSHEET_ID:-}");
        }
    }

    @Test
    void every_bind_mount_and_named_volume_exists() {
        Set<String> named = map(COMPOSE.get("volumes")).keySet();
        for (Map.Entry<String, Object> service : SERVICES.entrySet()) {
            for (Object volume : list(map(service.getValue()).getOrDefault("volumes", List.of()))) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(DOCKER.resolve(source).normalize()).as(service.getKey() + " mounts " + source).exists();
                } else {
                    assertThat(named).as(service.getKey() + " uses volume " + source).contains(source);
                }
            }
        }
    }

    @Test
    void every_variable_it_reads_is_in_the_env_example_and_the_example_has_no_other() {
        Set<String> used = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(DeployFiles.read(DeployFiles.docker("compose.yaml")));
        while (variable.find()) {
            used.add(variable.group(1));
        }
        Set<String> explained = new TreeSet<>();
        for (String line : DeployFiles.read(DeployFiles.docker(".env.example")).lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                explained.add(line.substring(0, line.indexOf('=')));
            }
        }

        assertThat(explained).isEqualTo(used);
        assertThat(DeployFiles.read(DeployFiles.root().resolve(".gitignore"))).contains("docker/.env");
    }

    @Test
    void prometheus_scrapes_both_instances_with_the_shipped_configuration_and_rules() {
        Map<String, Object> config = DeployFiles.yaml(hostPath("prometheus", "/etc/prometheus/prometheus.yml"));
        Map<String, Object> job = map(list(config.get("scrape_configs")).get(0));
        List<String> expected = INSTANCES.stream()
                .map(instance -> instance + ":" + environment(instance).get("SYNC_HTTP_PORT")).toList();

        assertThat(job.get("metrics_path")).isEqualTo("/observe/metrics");
        assertThat(list(map(list(job.get("static_configs")).get(0)).get("targets"))).isEqualTo(expected);
        for (Object rules : list(config.get("rule_files"))) {
            assertThat(hostPath("prometheus", "/etc/prometheus/" + rules)).isRegularFile();
        }
        assertThat(list(at(SERVICES, "prometheus", "command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
    }

    @Test
    void grafana_provisions_the_prometheus_data_source_and_the_dashboard_that_uses_it() {
        Map<String, Object> sources = DeployFiles.yaml(
                hostPath("grafana", "/etc/grafana/provisioning/datasources/prometheus.yaml"));
        Map<String, Object> source = map(list(sources.get("datasources")).get(0));
        URI url = URI.create((String) source.get("url"));
        assertThat(url.getHost()).isIn(SERVICES.keySet());
        assertThat(list(at(SERVICES, url.getHost(), "ports"))).contains(url.getPort() + ":" + url.getPort());

        Map<String, Object> providers = DeployFiles.yaml(
                hostPath("grafana", "/etc/grafana/provisioning/dashboards/sheet-sync.yaml"));
        String dashboards = (String) at(map(list(providers.get("providers")).get(0)), "options", "path");
        assertThat(hostPath("grafana", dashboards + "/sheet-sync.json")).isRegularFile();
        assertThat(hostPath("grafana", (String) at(SERVICES, "grafana", "environment",
                "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))).isRegularFile();

        assertThat(PrometheusQueries.panels()).isNotEmpty().allSatisfy(panel ->
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(source.get("uid")));
        assertThat(PrometheusQueries.dashboard().path("uid").asText()).isEqualTo("sheet-sync");
    }

    static Map<String, Object> environment(String service) {
        return map(at(SERVICES, service, "environment"));
    }

    /** The file on the host that a service sees at {@code containerPath}, through its bind mounts. */
    static Path hostPath(String service, String containerPath) {
        for (Object volume : list(at(SERVICES, service, "volumes"))) {
            String[] parts = volume.toString().split(":");
            if (parts[0].startsWith(".") && (containerPath.equals(parts[1]) || containerPath.startsWith(parts[1] + "/"))) {
                Path host = DOCKER.resolve(parts[0] + containerPath.substring(parts[1].length())).normalize();
                if (Files.exists(host)) {
                    return host;
                }
            }
        }
        throw new AssertionError(service + " mounts nothing that holds " + containerPath);
    }
}
