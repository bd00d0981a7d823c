package io.sheetsync.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.DeployFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL the deployment ships: the alert rules of docker/prometheus/ and the Grafana dashboard's queries. */
final class PrometheusQueries {

    /** alerts.yml writes each expression as {@code <query> <comparison> <threshold>}. */
    private static final Pattern THRESHOLD = Pattern.compile("(?s)^(.*?)\\s*(>=|<=|==|!=|>|<)\\s*[0-9.]+\\s*$");

    /** A query of one dashboard panel. */
    record PanelQuery(String panel, String expr) {
    }

    private PrometheusQueries() {
    }

    /** Every rule of every group in alerts.yml. */
    static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Object> file = DeployFiles.yaml(DeployFiles.docker("prometheus/alerts.yml"));
        for (Object group : DeployFiles.list(file.get("groups"))) {
            for (Object rule : DeployFiles.list(DeployFiles.map(group).get("rules"))) {
                rules.add(DeployFiles.map(rule));
            }
        }
        return rules;
    }

    /** The query of an alert expression without its threshold: what must return series from a live service. */
    static String withoutThreshold(String expr) {
        Matcher matcher = THRESHOLD.matcher(expr.strip());
        if (!matcher.matches()) {
            throw new AssertionError("alert expression not written as '<query> <comparison> <threshold>': " + expr);
        }
        return matcher.group(1);
    }

    /** Every query of every panel of the provisioned dashboard. */
    static List<PanelQuery> panelQueries() {
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new PanelQuery(panel.path("title").asText(), target.path("expr").asText()));
            }
        }
        return queries;
    }

    /** The dashboard's panels, those inside collapsed rows included. */
    static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(DeployFiles.docker("grafana/dashboards/sheet-sync.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
