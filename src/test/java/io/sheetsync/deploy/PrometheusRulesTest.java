package io.sheetsync.deploy;

import io.sheetsync.support.DeployFiles;
import io.sheetsync.support.Programs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/prometheus/ as Prometheus's own checker reads it: the scrape configuration and the alert rules are valid,
 * and every alert rule fires (and stays quiet) as alerts.test.yml expects on synthetic series.
 */
class PrometheusRulesTest {

    @Test
    void the_scrape_configuration_and_the_rules_it_names_are_valid() throws Exception {
        Programs.Result result = promtool("check", "config", "prometheus.yml");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void every_alert_rule_is_valid() throws Exception {
        Programs.Result result = promtool("check", "rules", "alerts.yml");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("SUCCESS: " + alertNames().size() + " rules found");
    }

    @Test
    void every_alert_rule_fires_and_clears_as_its_unit_test_expects() throws Exception {
        Programs.Result result = promtool("test", "rules", "alerts.test.yml");

        assertThat(result.exit()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("SUCCESS");
    }

    @Test
    void every_alert_rule_has_a_unit_test_that_expects_it_to_fire() {
        String tests = DeployFiles.read(DeployFiles.docker("prometheus/alerts.test.yml"));

        for (String alert : alertNames()) {
            assertThat(tests).as("a test of " + alert + " in alerts.test.yml")
                    .containsPattern("alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels");
        }
    }

    static List<String> alertNames() {
        return PrometheusQueries.rules().stream().map(rule -> (String) rule.get("alert")).toList();
    }

    private static Programs.Result promtool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Programs.require("promtool")));
        command.addAll(List.of(arguments));
        return Programs.run(command, DeployFiles.docker("prometheus"), Map.of(), 60);
    }
}
