package io.sheetsync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.SheetsApiFake.Api;
import io.sheetsync.support.SheetsApiFake.ScriptedResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake answers as the Sheets API v4 does; checked with a plain HTTP client. */
class SheetsApiFakeTest {

    @RegisterExtension
    final SheetsApiFake fake = new SheetsApiFake();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private Reply get(String pathAndQuery, boolean withToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.rootUrl() + pathAndQuery));
        if (withToken) {
            request.header("Authorization", "Bearer " + fake.token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), json.readTree(response.body()), response);
    }

    private Reply get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, true);
    }

    private static String encode(String range) {
        return URLEncoder.encode(range, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void sellers() {
        fake.spreadsheet("s1").sheet("Sellers")
                .row("seller_number", "name", "inquiry_date", "active")
                .row("AA1", "Sato", SheetsApiFake.date(45292, "2024/01/01"), true)
                .row("AA2", null, 45293.5)
                .row()
                .row("AA4", "", null, null);
    }

    @Test
    void requests_without_the_bearer_token_are_refused_with_401() throws Exception {
        sellers();

        Reply reply = get("v4/spreadsheets/s1", false);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(reply.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Bearer"));
    }

    @Test
    void an_unknown_spreadsheet_is_404() throws Exception {
        Reply reply = get("v4/spreadsheets/nope");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().at("/error/message").asText()).isEqualTo("Requested entity was not found.");
    }

    @Test
    void metadata_lists_each_sheet_with_its_grid_size() throws Exception {
        sellers();
        fake.spreadsheet("s1").sheet("売主 一覧").grid(500, 12);

        JsonNode sheets = get("v4/spreadsheets/s1?fields=sheets.properties").body().get("sheets");

        assertThat(sheets).hasSize(2);
        assertThat(sheets.get(0).at("/properties/title").asText()).isEqualTo("Sellers");
        assertThat(sheets.get(0).at("/properties/gridProperties/rowCount").asInt())
                .isEqualTo(5 + SheetsApiFake.EXTRA_GRID_ROWS);
        assertThat(sheets.get(0).at("/properties/gridProperties/columnCount").asInt())
                .isEqualTo(4 + SheetsApiFake.EXTRA_GRID_COLUMNS);
        assertThat(sheets.get(1).at("/properties/index").asInt()).isEqualTo(1);
        assertThat(sheets.get(1).at("/properties/gridProperties/rowCount").asInt()).isEqualTo(500);
    }

    @Test
    void unformatted_values_are_typed_and_trailing_empties_are_dropped() throws Exception {
        sellers();

        JsonNode body = get("v4/spreadsheets/s1/values/Sellers?valueRenderOption=UNFORMATTED_VALUE"
                + "&dateTimeRenderOption=SERIAL_NUMBER").body();

        assertThat(body.get("range").asText()).isEqualTo("Sellers!A1:H25");
        JsonNode values = body.get("values");
        assertThat(values).hasSize(5);
        assertThat(values.get(1).get(2).isNumber()).isTrue();
        assertThat(values.get(1).get(2).asInt()).isEqualTo(45292);
        assertThat(values.get(1).get(3).isBoolean()).isTrue();
        assertThat(values.get(2).toString()).isEqualTo("[\"AA2\",\"\",45293.5]");
        assertThat(values.get(3).toString()).isEqualTo("[]");
        assertThat(values.get(4).toString()).isEqualTo("[\"AA4\"]");
    }

    @Test
    void formatted_values_are_text_and_dates_show_as_formatted() throws Exception {
        sellers();

        JsonNode values = get("v4/spreadsheets/s1/values/Sellers!A2:D3").body().get("values");

        assertThat(values.get(0).toString()).isEqualTo("[\"AA1\",\"Sato\",\"2024/01/01\",\"TRUE\"]");
        assertThat(values.get(1).toString()).isEqualTo("[\"AA2\",\"\",\"45293.5\"]");
    }

    @Test
    void unformatted_dates_stay_formatted_unless_serial_numbers_are_asked_for() throws Exception {
        sellers();

        JsonNode values = get("v4/spreadsheets/s1/values/Sellers!C2?valueRenderOption=UNFORMATTED_VALUE").body()
                .get("values");

        assertThat(values.toString()).isEqualTo("[[\"2024/01/01\"]]");
    }

    @Test
    void quoted_japanese_titles_and_open_ended_ranges_resolve_to_the_grid() throws Exception {
        fake.spreadsheet("s1").sheet("売主 一覧").row("売主番号", "氏名").row("AA1", "佐藤").grid(10, 5);

        JsonNode openRows = get("v4/spreadsheets/s1/values/" + encode("'売主 一覧'!A1:B")).body();
        JsonNode wholeColumns = get("v4/spreadsheets/s1/values/" + encode("'売主 一覧'!A:B")).body();

        assertThat(openRows.get("range").asText()).isEqualTo("'売主 一覧'!A1:B10");
        assertThat(wholeColumns.get("range").asText()).isEqualTo("'売主 一覧'!A1:B10");
        assertThat(openRows.get("values").toString()).isEqualTo("[[\"売主番号\",\"氏名\"],[\"AA1\",\"佐藤\"]]");
    }

    @Test
    void a_range_without_a_sheet_reads_the_first_sheet() throws Exception {
        sellers();
        fake.spreadsheet("s1").sheet("Later").row("other");

        JsonNode body = get("v4/spreadsheets/s1/values/A1:A2").body();

        assertThat(body.get("range").asText()).isEqualTo("Sellers!A1:A2");
    }

    @Test
    void a_range_past_the_grid_is_400_exceeds_grid_limits() throws Exception {
        sellers();
        fake.spreadsheet("s1").sheet("Sellers").grid(10, 4);

        Reply rows = get("v4/spreadsheets/s1/values/Sellers!A1:D11");
        Reply columns = get("v4/spreadsheets/s1/values/Sellers!A1:E2");

        assertThat(rows.status()).isEqualTo(400);
        assertThat(rows.body().at("/error/message").asText())
                .isEqualTo("Range (Sellers!A1:D11) exceeds grid limits. Max rows: 10, max columns: 4");
        assertThat(columns.status()).isEqualTo(400);
    }

    @Test
    void an_unknown_sheet_title_is_400_unable_to_parse_range() throws Exception {
        sellers();

        Reply reply = get("v4/spreadsheets/s1/values/" + encode("Buyers!A1:B"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/message").asText()).isEqualTo("Unable to parse range: Buyers!A1:B");
    }

    @Test
    void batch_get_answers_one_value_range_per_range_in_order() throws Exception {
        sellers();

        JsonNode body = get("v4/spreadsheets/s1/values:batchGet?ranges=Sellers!A1:B2&ranges=Sellers!A5:B25"
                + "&valueRenderOption=UNFORMATTED_VALUE").body();

        assertThat(body.get("valueRanges")).hasSize(2);
        assertThat(body.get("valueRanges").get(0).get("values").toString())
                .isEqualTo("[[\"seller_number\",\"name\"],[\"AA1\",\"Sato\"]]");
        assertThat(body.get("valueRanges").get(1).get("values").toString()).isEqualTo("[[\"AA4\"]]");
        assertThat(fake.requestedRanges()).containsExactly("Sellers!A1:B2", "Sellers!A5:B25");
    }

    @Test
    void columns_major_dimension_transposes_the_values() throws Exception {
        fake.spreadsheet("s1").sheet("S").rows(List.of(List.of("a", "b"), List.of("c")));

        JsonNode values = get("v4/spreadsheets/s1/values/S!A1:B2?majorDimension=COLUMNS").body().get("values");

        assertThat(values.toString()).isEqualTo("[[\"a\",\"c\"],[\"b\"]]");
    }

    @Test
    void scripted_responses_come_first_and_only_once() throws Exception {
        sellers();
        fake.enqueue(ScriptedResponse.status(429).withRetryAfter("7"),
                ScriptedResponse.status(503).on(Api.VALUES));

        Reply quota = get("v4/spreadsheets/s1");
        Reply metadata = get("v4/spreadsheets/s1");
        Reply unavailable = get("v4/spreadsheets/s1/values/Sellers");
        Reply values = get("v4/spreadsheets/s1/values/Sellers");

        assertThat(quota.status()).isEqualTo(429);
        assertThat(quota.raw().headers().firstValue("Retry-After")).hasValue("7");
        assertThat(quota.body().at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(values.status()).isEqualTo(200);
        assertThat(fake.pendingScriptedResponses()).isZero();
    }

    @Test
    void a_slow_scripted_response_still_answers_normally() throws Exception {
        sellers();
        fake.enqueue(ScriptedResponse.slow(Duration.ofMillis(200)));

        Reply reply = get("v4/spreadsheets/s1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("sheets")).hasSize(1);
    }

    @Test
    void every_request_is_recorded_with_decoded_path_query_and_headers() throws Exception {
        sellers();

        get("v4/spreadsheets/s1/values/" + encode("Sellers!A1:B2") + "?valueRenderOption=FORMATTED_VALUE");

        SheetsApiFake.RecordedRequest request = fake.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.api()).isEqualTo(Api.VALUES);
        assertThat(request.path()).isEqualTo("/v4/spreadsheets/s1/values/Sellers!A1:B2");
        assertThat(request.queryParam("valueRenderOption")).isEqualTo("FORMATTED_VALUE");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + fake.token());
    }

    @Test
    void null_cells_can_be_given_with_arrays_as_lists() throws Exception {
        fake.spreadsheet("s1").sheet("S").rows(List.of(Arrays.asList("a", null, "c")));

        JsonNode values = get("v4/spreadsheets/s1/values/S").body().get("values");

        assertThat(values.toString()).isEqualTo("[[\"a\",\"\",\"c\"]]");
    }
}
