package io.sheetsync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON answers of a running service's HTTP API, each checked for the status code the caller expects. */
public final class ApiJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiJson() {
    }

    public static JsonNode get(TestService service, String path, String token, int status)
            throws IOException, InterruptedException {
        return read(service.get(path, token), status);
    }

    public static JsonNode post(TestService service, String path, String token, int status)
            throws IOException, InterruptedException {
        return read(service.post(path, token), status);
    }

    public static JsonNode put(TestService service, String path, String token, String json, int status)
            throws IOException, InterruptedException {
        return read(service.put(path, token, json), status);
    }

    /** The body of an answer, after checking its status (the body is shown when the status is not the one expected). */
    public static JsonNode read(HttpResponse<String> answer, int status) throws IOException {
        assertThat(answer.statusCode()).as("%s %s answered %s", answer.request().method(), answer.request().uri(),
                answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    /** An instant the API wrote as ISO-8601 text, or null for a JSON null or a missing field. */
    public static Instant instant(JsonNode value) {
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }
}
