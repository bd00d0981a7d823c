package io.sheetsync.deploy;

import io.sheetsync.support.DeployFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.sheetsync.support.DeployFiles.at;
import static io.sheetsync.support.DeployFiles.list;
import static io.sheetsync.support.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/k8s/ read as YAML: two replicas probed on the service's health paths and port, a CronJob running
 * {@code --once}, both configured only with settings of README's table, from the Secret and ConfigMap beside them.
 */
class KubernetesManifestsTest {

    static final List<Map<String, Object>> MANIFESTS = manifests();
    static final String PORT = DeployFiles.configurationDefault("SYNC_HTTP_PORT");

    @Test
    void the_deployment_runs_two_replicas_on_the_port_of_the_configuration() {
        Map<String, Object> deployment = kind("Deployment");
        Map<String, Object> container = container(at(deployment, "spec", "template", "spec"));

        assertThat(at(deployment, "spec", "replicas")).isEqualTo(2);
        assertThat(port(container, "http")).isEqualTo(Integer.parseInt(PORT));
        assertThat(at(kind("ConfigMap"), "data", "SYNC_HTTP_PORT")).isEqualTo(PORT);
        assertThat(PORT).isEqualTo(Dockerfile.read().exposedPort());
        assertThat(at(map(list(at(kind("Service"), "spec", "ports")).get(0)), "targetPort")).isEqualTo("http");
        assertThat(map(at(kind("Service"), "spec", "selector")))
                .isEqualTo(map(at(deployment, "spec", "template", "metadata", "labels")));
    }

    @Test
    void liveness_and_readiness_probe_the_service_health_paths() {
        Map<String, Object> container = container(at(kind("Deployment"), "spec", "template", "spec"));

        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/observe/health/live");
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/observe/health/ready");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("http");
        }
        assertThat(DeployFiles.read(DeployFiles.root().resolve("README.md")))
                .contains("/observe/health/live", "/observe/health/ready");
    }

    @Test
    void the_cron_job_runs_once_without_overlapping_with_the_image_of_the_deployment() {
        Map<String, Object> cronJob = kind("CronJob");
        Map<String, Object> pod = map(at(cronJob, "spec", "jobTemplate", "spec", "template", "spec"));
        Map<String, Object> container = container(pod);

        assertThat(list(container.get("args"))).containsExactly("--once");
        assertThat(at(cronJob, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
        assertThat(pod.get("restartPolicy")).isEqualTo("Never");
        assertThat(container.get("image"))
                .isEqualTo(container(at(kind("Deployment"), "spec", "template", "spec")).get("image"));
    }

    @Test
    void tokens_and_the_database_password_come_from_the_secret() {
        Map<String, Object> secret = map(at(kind("Secret"), "stringData"));

        assertThat(secret).containsKeys("SYNC_ADMIN_TOKEN", "SYNC_OPERATOR_TOKEN", "SYNC_VIEWER_TOKEN",
                "SYNC_DB_PASSWORD");
        assertThat(map(at(kind("ConfigMap"), "data")).keySet())
                .noneMatch(key -> key.endsWith("_TOKEN") || key.endsWith("_PASSWORD"));
    }

    @Test
    void every_setting_is_one_of_the_configuration_table_and_every_reference_resolves() {
        List<String> keys = new ArrayList<>(map(at(kind("Secret"), "stringData")).keySet());
        keys.addAll(map(at(kind("ConfigMap"), "data")).keySet());
        assertThat(keys).isSubsetOf(DeployFiles.configurationKeys());

        for (Map<String, Object> pod : List.of(map(at(kind("Deployment"), "spec", "template", "spec")),
                map(at(kind("CronJob"), "spec", "jobTemplate", "spec", "template", "spec")))) {
            Map<String, Object> container = container(pod);
            assertThat(container).doesNotContainKey("env");
            for (Object source : list(container.get("envFrom"))) {
                Map<String, Object> reference = map(source);
                String kind = reference.containsKey("secretRef") ? "Secret" : "ConfigMap";
                String name = (String) at(reference, kind.equals("Secret") ? "secretRef" : "configMapRef", "name");
                assertThat(at(kind(kind), "metadata", "name")).isEqualTo(name);
            }
            for (Object mount : list(container.get("volumeMounts"))) {
                String volume = (String) map(mount).get("name");
                assertThat(list(pod.get("volumes"))).anyMatch(declared -> map(declared).get("name").equals(volume));
            }
        }
    }

    @Test
    void pods_run_as_the_image_user_not_root() {
        String[] user = Dockerfile.read().user().split(":");
        for (Map<String, Object> pod : List.of(map(at(kind("Deployment"), "spec", "template", "spec")),
                map(at(kind("CronJob"), "spec", "jobTemplate", "spec", "template", "spec")))) {
            assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
            assertThat(at(pod, "securityContext", "runAsUser").toString()).isEqualTo(user[0]);
            assertThat(at(pod, "securityContext", "runAsGroup").toString()).isEqualTo(user[1]);
        }
    }

    static Map<String, Object> kind(String kind) {
        List<Map<String, Object>> found = MANIFESTS.stream().filter(doc -> kind.equals(doc.get("kind"))).toList();
        assertThat(found).as("one " + kind + " in docker/k8s/").hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> container(Object podSpec) {
        List<Object> containers = list(map(podSpec).get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    static Object port(Map<String, Object> container, String name) {
        return list(container.get("ports")).stream().map(DeployFiles::map)
                .filter(port -> name.equals(port.get("name"))).findFirst()
                .map(port -> port.get("containerPort")).orElseThrow(() -> new AssertionError("no port " + name));
    }

    private static List<Map<String, Object>> manifests() {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DeployFiles.docker("k8s"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (Map<String, Object> document : DeployFiles.yamlDocuments(file)) {
                    assertThat(document).as(file.toString()).containsKeys("apiVersion", "kind", "metadata");
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return documents;
    }
}
