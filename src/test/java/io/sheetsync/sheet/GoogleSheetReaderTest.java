package io.sheetsync.sheet;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.SheetsApiFake;
import io.sheetsync.support.SheetsApiFake.Api;
import io.sheetsync.support.SheetsApiFake.RecordedRequest;
import io.sheetsync.support.SheetsApiFake.ScriptedResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Route {@code read-google-sheet} ({@code routes/sheet.camel.yaml}) through the real camel-google-sheets component,
 * against the Sheets API fake.
 */
class GoogleSheetReaderTest {

    private static final String ID = "sheet-1";

    @RegisterExtension
    final SheetsApiFake fake = new SheetsApiFake();

    @TempDir
    Path tempDir;

    private final Map<String, String> env = new HashMap<>();
    private ConfigProvider config;
    private CamelContext camel;

    @AfterEach
    void stopCamel() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }

    /** The route on a fresh Camel context, with the fake's URL and token and the given SYNC_* settings on top. */
    private GoogleSheetRoute source(String... settings) {
        env.put("SYNC_SHEETS_SPREADSHEET_ID", ID);
        env.put("SYNC_SHEETS_ROOT_URL", fake.rootUrl());
        env.put("SYNC_SHEETS_ACCESS_TOKEN", fake.token());
        for (int i = 0; i < settings.length; i += 2) {
            if (settings[i + 1] == null) {
                env.remove(settings[i]);
            } else {
                env.put(settings[i], settings[i + 1]);
            }
        }
        config = new ConfigProvider(load());
        camel = new DefaultCamelContext();
        new GoogleSheetsSetup(config).applyTo(camel);
        return start();
    }

    /** Loads the reading routes with the beans they call into {@link #camel} and starts it. */
    private GoogleSheetRoute start() throws RuntimeException {
        GoogleSheetReader reader = new GoogleSheetReader(config);
        camel.getRegistry().bind("googleSheetReader", reader);
        camel.getRegistry().bind("fileExport", new FileSheetSource(config));
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    PluginHelper.getResourceLoader(camel).resolveResource("classpath:routes/sheet.camel.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        camel.start();
        return new GoogleSheetRoute(reader);
    }

    /** Calls the route as route {@code read-sheet} does, and fails with the route's own exception. */
    private final class GoogleSheetRoute {
        private final GoogleSheetReader reader;

        GoogleSheetRoute(GoogleSheetReader reader) {
            this.reader = reader;
        }

        SheetData fetch() {
            try {
                return camel.createProducerTemplate().requestBody("direct:read-google-sheet", null, SheetData.class);
            } catch (CamelExecutionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }

        String describe() {
            return reader.describe();
        }
    }

    private SyncConfig load() {
        return SyncConfig.load(env, new Properties());
    }

    private static List<Object> cells(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void whole_sheet_is_read_with_its_header_and_row_numbers() {
        fake.spreadsheet(ID).sheet("Sellers")
                .row("seller_number", "name", "inquiry_date")
                .row("AA1", "Sato", "2024-01-01")
                .row("AA2", "Suzuki", "2024-01-02");

        SheetData data = source().fetch();

        assertThat(data.header()).containsExactly("seller_number", "name", "inquiry_date");
        assertThat(data.rows()).containsExactly(
                new SheetRow(2, List.of("AA1", "Sato", "2024-01-01")),
                new SheetRow(3, List.of("AA2", "Suzuki", "2024-01-02")));
    }

    @Test
    void metadata_is_read_first_and_values_are_asked_for_unformatted_with_serial_dates_by_rows() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1");

        source().fetch();

        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).extracting(RecordedRequest::api).containsExactly(Api.METADATA, Api.VALUES);
        assertThat(requests.get(0).path()).isEqualTo("/v4/spreadsheets/" + ID);
        assertThat(requests.get(0).queryParam("fields")).startsWith("sheets.properties");
        assertThat(requests.get(0).queryParam("includeGridData")).isEqualTo("false");
        RecordedRequest values = requests.get(1);
        assertThat(values.path()).isEqualTo("/v4/spreadsheets/" + ID + "/values:batchGet");
        assertThat(values.queryParam("valueRenderOption")).isEqualTo("UNFORMATTED_VALUE");
        assertThat(values.queryParam("dateTimeRenderOption")).isEqualTo("SERIAL_NUMBER");
        assertThat(values.queryParam("majorDimension")).isEqualTo("ROWS");
        assertThat(values.header("User-Agent")).startsWith("sheet-sync ");
    }

    @Test
    void the_access_token_travels_only_in_the_authorization_header() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1");

        source().fetch();

        assertThat(fake.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + fake.token());
            assertThat(request.rawPath()).doesNotContain(fake.token());
            assertThat(request.query().toString()).doesNotContain(fake.token());
        });
    }

    @Test
    void an_a1_range_takes_its_header_from_its_first_row_and_reads_only_its_columns() {
        fake.spreadsheet(ID).sheet("Sellers").rows(List.of(
                List.of("title line"),
                List.of("", "seller_number", "name", "phone", "ignored"),
                List.of("x", "AA1", "Sato", "090", "ignored"),
                List.of("x", "AA2", "Suzuki", "080", "ignored")));

        SheetData data = source("SYNC_SHEETS_RANGE", "Sellers!B2:D").fetch();

        assertThat(data.header()).containsExactly("seller_number", "name", "phone");
        assertThat(data.rows()).containsExactly(
                new SheetRow(3, List.of("AA1", "Sato", "090")),
                new SheetRow(4, List.of("AA2", "Suzuki", "080")));
        assertThat(fake.requestedRanges()).containsExactly("Sellers!B2:D24");
    }

    @Test
    void a_range_without_a_sheet_name_reads_the_first_sheet() {
        fake.spreadsheet(ID).sheet("First").row("seller_number").row("AA1");
        fake.spreadsheet(ID).sheet("Second").row("other").row("zzz");

        SheetData data = source("SYNC_SHEETS_RANGE", "A1:F").fetch();

        assertThat(data.header()).containsExactly("seller_number");
        assertThat(data.rows()).containsExactly(new SheetRow(2, List.of("AA1")));
    }

    @Test
    void a_japanese_sheet_title_with_spaces_is_quoted_and_encoded_as_google_expects() {
        fake.spreadsheet(ID).sheet("Other").row("nothing here");
        fake.spreadsheet(ID).sheet("売主 一覧").row("売主番号", "氏名").row("AA1", "佐藤 太郎");

        GoogleSheetRoute source = source("SYNC_SHEETS_RANGE", "売主 一覧");
        SheetData byName = source.fetch();
        config.replace(SyncConfig.load(withEnv("SYNC_SHEETS_RANGE", "'売主 一覧'!A1:B"), new Properties()));
        SheetData byQuotedRange = source.fetch();

        assertThat(List.of(byName, byQuotedRange)).allSatisfy(data -> {
            assertThat(data.header()).containsExactly("売主番号", "氏名");
            assertThat(data.rows()).containsExactly(new SheetRow(2, List.of("AA1", "佐藤 太郎")));
        });
        assertThat(fake.requestedRanges()).containsExactly("'売主 一覧'!A1:F22", "'売主 一覧'!A1:B22");
        assertThat(fake.requests(Api.VALUES).get(0).rawPath()).doesNotContain(" ");
    }

    private Map<String, String> withEnv(String key, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(key, value);
        return copy;
    }

    @Test
    void rows_shorter_than_the_header_come_back_short_for_the_parser_to_pad() {
        fake.spreadsheet(ID).sheet("Sellers")
                .row("seller_number", "name", "phone", "email")
                .row("AA1", "Sato", null, "")
                .row("AA2", null, "090");

        SheetData data = source().fetch();

        assertThat(data.rows()).containsExactly(
                new SheetRow(2, List.of("AA1", "Sato")),
                new SheetRow(3, List.of("AA2", "", "090")));
        assertThat(data.rows().get(0).cell(3)).isEmpty();
    }

    @Test
    void blank_rows_in_the_middle_keep_the_row_numbers_of_the_rows_below() {
        fake.spreadsheet(ID).sheet("Sellers").rows(List.of(
                List.of("seller_number", "name"),
                List.of("AA1", "Sato"),
                List.of(),
                cells(null, ""),
                List.of("AA5", "Tanaka")));

        SheetData data = source().fetch();

        assertThat(data.rows()).extracting(SheetRow::rowNumber).containsExactly(2, 3, 4, 5);
        assertThat(data.rows().get(1).isBlank()).isTrue();
        assertThat(data.rows().get(2).isBlank()).isTrue();
        assertThat(data.rows().get(3)).isEqualTo(new SheetRow(5, List.of("AA5", "Tanaka")));
    }

    @Test
    void numbers_serial_dates_and_booleans_become_plain_text() {
        fake.spreadsheet(ID).sheet("Sellers")
                .row("seller_number", "inquiry_date", "land_area", "building_area", "active", "ratio", "big")
                .row("AA1", SheetsApiFake.date(45292, "2024/01/01"), 120.5, SheetsApiFake.formatted(80, "80.00 ㎡"),
                        true, 0.1, 1_000_000_000_000L)
                .row("AA2", SheetsApiFake.date(45292.5, "2024/01/01 12:00:00"), 100, 0, false, 45292.25, 1e20);

        SheetData data = source().fetch();

        assertThat(data.rows().get(0).cells())
                .containsExactly("AA1", "45292", "120.5", "80", "TRUE", "0.1", "1000000000000");
        assertThat(data.rows().get(1).cells())
                .containsExactly("AA2", "45292.5", "100", "0", "FALSE", "45292.25", "100000000000000000000");
    }

    @Test
    void a_large_sheet_is_read_in_chunks_inside_the_grid_with_every_row_once_and_in_order() {
        SheetsApiFake.Sheet sheet = fake.spreadsheet(ID).sheet("Sellers");
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("seller_number", "name", "inquiry_date", "phone", "email", "status"));
        for (int i = 1; i <= 20_000; i++) {
            rows.add(List.of("AA" + i, "Name " + i, 45_000 + i % 300, "090-" + i, "s" + i + "@example.com", "new"));
        }
        sheet.rows(rows).grid(20_050, 8);

        SheetData data = source("SYNC_SHEETS_CHUNK_ROWS", "1000").fetch();

        assertThat(data.rows()).hasSize(20_000);
        for (int i = 0; i < 20_000; i++) {
            SheetRow row = data.rows().get(i);
            assertThat(row.rowNumber()).isEqualTo(i + 2);
            assertThat(row.cell(0)).isEqualTo("AA" + (i + 1));
        }
        List<RecordedRequest> valueRequests = fake.requests(Api.VALUES);
        assertThat(valueRequests).hasSizeBetween(2, 5);
        assertThat(valueRequests).allSatisfy(r -> assertThat(r.queryParams("ranges")).hasSizeGreaterThan(1));
        List<int[]> spans = fake.requestedRanges().stream().map(GoogleSheetReaderTest::rows).toList();
        int next = 1;
        for (int[] span : spans) {
            assertThat(span[0]).isEqualTo(next);
            assertThat(span[1]).isLessThanOrEqualTo(20_050);
            next = span[1] + 1;
        }
        assertThat(next - 1).isEqualTo(20_050);
    }

    private static final Pattern ROWS = Pattern.compile(".*![A-Z]+(\\d+):[A-Z]+(\\d+)");

    private static int[] rows(String a1) {
        Matcher m = ROWS.matcher(a1);
        assertThat(m.matches()).as("closed range %s", a1).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    @Test
    void a_range_reaching_past_the_grid_is_clipped_instead_of_failing() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1").grid(50, 3);

        SheetData data = source("SYNC_SHEETS_RANGE", "Sellers!A1:Z5000").fetch();

        assertThat(data.rows()).containsExactly(new SheetRow(2, List.of("AA1")));
        assertThat(fake.requestedRanges()).containsExactly("Sellers!A1:C50");
    }

    @Test
    void a_wrong_token_is_refused_with_401_and_the_message_carries_no_token() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number");
        fake.expectToken("the-right-token");

        GoogleSheetRoute source = source("SYNC_SHEETS_ACCESS_TOKEN", "a-wrong-token");

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetRefusedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e).hasMessage("not authorised: check the access token or key file");
                    assertThat(e).hasMessageNotContaining("a-wrong-token");
                });
        assertThat(fake.requests()).hasSize(1); // no retry and no token endpoint behind the static token
    }

    @Test
    void a_new_access_token_from_a_config_reload_is_used_on_the_next_fetch() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1");
        GoogleSheetRoute source = source();
        source.fetch();

        fake.expectToken("rotated-token");
        config.replace(SyncConfig.load(withEnv("SYNC_SHEETS_ACCESS_TOKEN", "rotated-token"), new Properties()));

        assertThat(source.fetch().rows()).hasSize(1);
        assertThat(fake.requests().get(fake.requests().size() - 1).header("Authorization"))
                .isEqualTo("Bearer rotated-token");
    }

    @Test
    void a_wrong_spreadsheet_id_is_404_naming_the_id() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number");

        GoogleSheetRoute source = source("SYNC_SHEETS_SPREADSHEET_ID", "no-such-sheet");

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetRefusedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e).hasMessage(
                            "spreadsheet no-such-sheet not found: check SYNC_SHEETS_SPREADSHEET_ID");
                });
    }

    @Test
    void an_unknown_sheet_title_names_it_and_lists_the_sheets_that_exist() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number");
        fake.spreadsheet(ID).sheet("売主 一覧").row("売主番号");

        GoogleSheetRoute source = source("SYNC_SHEETS_RANGE", "Buyers!A1:F");

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetRefusedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e).hasMessageContaining("no sheet named 'Buyers'")
                            .hasMessageContaining("['Sellers', '売主 一覧']");
                });
        assertThat(fake.requests(Api.VALUES)).isEmpty();
    }

    @Test
    void a_sheet_title_in_another_case_still_finds_the_sheet() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1");

        SheetData data = source("SYNC_SHEETS_RANGE", "sellers").fetch();

        assertThat(data.rows()).hasSize(1);
        assertThat(fake.requestedRanges()).allSatisfy(range -> assertThat(range).startsWith("Sellers!"));
    }

    @Test
    void a_range_starting_below_the_grid_is_a_bad_range() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").grid(100, 5);

        GoogleSheetRoute source = source("SYNC_SHEETS_RANGE", "Sellers!A500:E");

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetRefusedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e).hasMessageStartingWith("bad range Sellers!A500:E: ").hasMessageContaining("100 rows");
                });
    }

    @Test
    void a_server_fault_surfaces_with_its_status() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1");
        fake.enqueue(ScriptedResponse.status(503).withRetryAfter("3").on(Api.VALUES));

        GoogleSheetRoute source = source();

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetTransientException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.retryAfter()).isEqualTo("3");
                    assertThat(e).hasMessage("Sheets API answered 503: The service is currently unavailable.");
                });
        assertThat(fake.requests()).hasSize(2); // no hidden retries: recovery is declared in the routes
        assertThat(source.fetch().rows()).hasSize(1); // the fault was a one-off
    }

    @Test
    void an_answer_slower_than_the_timeout_fails_without_a_status() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number");
        fake.enqueue(ScriptedResponse.slow(Duration.ofSeconds(4)));

        GoogleSheetRoute source = source("SYNC_SHEETS_TIMEOUT_SECONDS", "1");

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetTransientException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e).hasMessageContaining("within 1 s").hasRootCauseInstanceOf(SocketTimeoutException.class);
                });
    }

    @Test
    void an_unreachable_endpoint_fails_without_a_status_and_names_the_url() {
        SheetsApiFake closed = new SheetsApiFake();
        String url = closed.rootUrl();
        closed.close();

        GoogleSheetRoute source = source("SYNC_SHEETS_ROOT_URL", url);

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetTransientException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e).hasMessageStartingWith("cannot reach the Sheets API at " + url);
                });
    }

    @Test
    void a_service_account_key_file_gets_its_token_from_the_key_files_token_uri() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1");
        Path key = fake.writeServiceAccountKey(tempDir);

        SheetData data = source("SYNC_SHEETS_ACCESS_TOKEN", null,
                "SYNC_SHEETS_CREDENTIALS_FILE", key.toString()).fetch();

        assertThat(data.rows()).containsExactly(new SheetRow(2, List.of("AA1")));
        assertThat(fake.requests()).extracting(RecordedRequest::api)
                .containsExactly(Api.TOKEN, Api.METADATA, Api.VALUES);
        assertThat(fake.requests(Api.VALUES).get(0).header("Authorization")).isEqualTo("Bearer " + fake.token());
    }

    @Test
    void a_key_file_the_token_endpoint_refuses_is_not_authorised() throws Exception {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number");
        Path key = fake.writeServiceAccountKey(tempDir);
        // the same file signed by a key the fake does not know
        try (SheetsApiFake other = new SheetsApiFake()) {
            Path otherKey = other.writeServiceAccountKey(Files.createDirectory(tempDir.resolve("other")));
            String forged = Files.readString(otherKey).replace(other.rootUrl(), fake.rootUrl());
            Files.writeString(key, forged);
        }

        GoogleSheetRoute source = source("SYNC_SHEETS_ACCESS_TOKEN", null,
                "SYNC_SHEETS_CREDENTIALS_FILE", key.toString());

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetRefusedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e).hasMessageStartingWith("not authorised: check the access token or key file");
                });
        assertThat(fake.requests(Api.METADATA)).isEmpty();
    }

    @Test
    void a_key_file_that_is_not_a_key_names_the_file() throws Exception {
        Path key = Files.writeString(tempDir.resolve("key.json"), "{\"type\": \"service_account\"}");

        GoogleSheetRoute source = source("SYNC_SHEETS_ACCESS_TOKEN", null,
                "SYNC_SHEETS_CREDENTIALS_FILE", key.toString());

        assertThatThrownBy(source::fetch)
                .isInstanceOfSatisfying(SheetRefusedException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e).hasMessageContaining("cannot use the service-account key file " + key.toAbsolutePath())
                            .hasMessageContaining("SYNC_SHEETS_CREDENTIALS_FILE");
                });
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void settings_are_read_at_each_fetch() {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1");
        fake.spreadsheet("sheet-2").sheet("Other").row("seller_number").row("AA7").row("AA8");
        GoogleSheetRoute source = source();
        assertThat(source.fetch().rows()).hasSize(1);

        Map<String, String> next = withEnv("SYNC_SHEETS_SPREADSHEET_ID", "sheet-2");
        next.put("SYNC_SHEETS_RANGE", "Other!A1:A");
        config.replace(SyncConfig.load(next, new Properties()));

        assertThat(source.fetch().rows()).extracting(r -> r.cell(0)).containsExactly("AA7", "AA8");
        assertThat(source.describe()).isEqualTo("google sheet sheet-2 range Other!A1:A");
    }

    @Test
    void a_component_bound_in_the_registry_is_used_as_configured() throws Exception {
        fake.spreadsheet(ID).sheet("Sellers").row("seller_number").row("AA1");
        env.put("SYNC_SHEETS_SPREADSHEET_ID", ID);
        env.put("SYNC_SHEETS_ROOT_URL", fake.rootUrl());
        env.put("SYNC_SHEETS_ACCESS_TOKEN", fake.token());
        config = new ConfigProvider(load());
        camel = new DefaultCamelContext();
        camel.getRegistry().bind(GoogleSheetsSetup.COMPONENT_NAME, new GoogleSheetsSetup(config).createComponent());

        SheetData data = start().fetch();

        assertThat(data.rows()).containsExactly(new SheetRow(2, List.of("AA1")));
    }

    @Test
    void describe_names_the_spreadsheet_and_range_and_never_the_token() {
        GoogleSheetRoute source = source("SYNC_SHEETS_RANGE", "Sellers!A1:L");

        assertThat(source.describe()).isEqualTo("google sheet sheet-1 range Sellers!A1:L")
                .doesNotContain(fake.token());
    }
}
