package io.sheetsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.RunningService;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document at /api/openapi.json lists every endpoint of the REST DSL, without a token. */
class OpenApiTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of());

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_document_lists_the_endpoints_of_the_contract_without_a_token() throws Exception {
        HttpResponse<String> answer = SYNC.service().get("/api/openapi.json", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("info").get("title").asText()).isEqualTo("sheet-sync REST API");
        assertThat(operations(document)).contains(
                "post /api/sync", "get /api/sync/status", "get /api/sync/{id}", "get /api/metrics", "get /api/audit",
                "get /api/audit/{id}", "get /api/sellers/{sellerNumber}/history");
    }

    @Test
    void every_rest_operation_of_the_routes_is_in_the_document() throws Exception {
        JsonNode document = JSON.readTree(SYNC.service().get("/api/openapi.json", null).body());
        List<String> declared = new ArrayList<>();
        for (RestDefinition rest : SYNC.service().service().camelContext().getCamelContextExtension()
                .getContextPlugin(Model.class).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                declared.add(verb.asVerb().toLowerCase(Locale.ROOT) + " " + rest.getPath() + verb.getPath());
            }
        }

        assertThat(declared).isNotEmpty();
        assertThat(operations(document)).containsAll(declared);
    }

    @Test
    void query_parameters_and_the_bearer_token_are_described() throws Exception {
        JsonNode document = JSON.readTree(SYNC.service().get("/api/openapi.json", null).body());

        List<String> auditParameters = new ArrayList<>();
        document.get("paths").get("/api/audit").get("get").get("parameters")
                .forEach(parameter -> auditParameters.add(parameter.get("name").asText() + "@" + parameter.get("in").asText()));
        assertThat(auditParameters).containsExactlyInAnyOrder("startDate@query", "endDate@query", "success@query",
                "sellerNumber@query", "limit@query");
        assertThat(document.get("paths").get("/api/metrics").get("get").get("parameters").get(0).get("name").asText())
                .isEqualTo("days");
        JsonNode bearer = document.get("components").get("securitySchemes").get("bearer");
        assertThat(bearer.get("type").asText()).isEqualTo("http");
        assertThat(bearer.get("scheme").asText()).isEqualTo("bearer");
    }

    private static List<String> operations(JsonNode document) {
        List<String> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method + " " + path.getKey())));
        return operations;
    }
}
