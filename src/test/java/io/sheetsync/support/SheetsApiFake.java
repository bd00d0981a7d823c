package io.sheetsync.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Google Sheets API v4 fake on 127.0.0.1 for tests: metadata ({@code GET /v4/spreadsheets/{id}}), values
 * ({@code GET .../values/{range}}, {@code GET .../values:batchGet?ranges=..}) and a service-account token endpoint
 * ({@code POST /token}), answering as Google does (A1 ranges, trailing empties dropped, render options, 400 past the
 * grid, 401 without the expected bearer token, 404 unknown spreadsheet). It records every request and plays scripted
 * responses (faults, slow answers) before normal ones.
 *
 * <pre>{@code
 * @RegisterExtension final SheetsApiFake fake = new SheetsApiFake();
 * fake.spreadsheet("sheet-1").sheet("Sellers").row("seller_number", "name").row("AA1", "Sato");
 * // SYNC_SHEETS_ROOT_URL = fake.rootUrl(), SYNC_SHEETS_ACCESS_TOKEN = fake.token()
 * }</pre>
 *
 * <p>As a JUnit 5 extension in an instance field it is closed after each test; in a static field after the class (its
 * recorded requests and scripted responses are cleared after each test). Or use try-with-resources.
 */
public final class SheetsApiFake implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    public static final String DEFAULT_TOKEN = "fake-sheets-token";
    /** Rows and columns a sheet's grid has beyond its data unless {@link Sheet#grid} says otherwise. */
    public static final int EXTRA_GRID_ROWS = 20;
    public static final int EXTRA_GRID_COLUMNS = 4;

    private static final String V4 = "/v4/spreadsheets/";
    private static final Pattern A1 = Pattern.compile("([A-Za-z]{0,3})(\\d*)(?::([A-Za-z]{0,3})(\\d*))?");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Spreadsheet> spreadsheets = new LinkedHashMap<>(); // guarded by this
    private final LinkedList<ScriptedResponse> script = new LinkedList<>(); // guarded by this
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile String expectedToken = DEFAULT_TOKEN;
    private volatile boolean classScoped;
    private volatile boolean closed;
    private KeyPair serviceAccountKeys; // guarded by this

    /** Starts the fake on a free port of 127.0.0.1. */
    public SheetsApiFake() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sheets-api-fake");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    // ---------------------------------------------------------------- set-up

    /** The root URL for SYNC_SHEETS_ROOT_URL, e.g. {@code http://127.0.0.1:41234/}. */
    public String rootUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The bearer token requests must carry (the token endpoint hands out this one too). */
    public String token() {
        return expectedToken;
    }

    /** Changes the bearer token requests must carry. */
    public SheetsApiFake expectToken(String token) {
        this.expectedToken = Objects.requireNonNull(token);
        return this;
    }

    /** The spreadsheet with this id, created empty on first use. */
    public synchronized Spreadsheet spreadsheet(String id) {
        return spreadsheets.computeIfAbsent(id, Spreadsheet::new);
    }

    /** Queues responses played, in order, before normal answers (each to the first request of its kind). */
    public synchronized SheetsApiFake enqueue(ScriptedResponse... responses) {
        script.addAll(List.of(responses));
        return this;
    }

    /** Scripted responses not yet played. */
    public synchronized int pendingScriptedResponses() {
        return script.size();
    }

    /**
     * Writes a service-account key file whose {@code token_uri} is this fake's token endpoint, signed with a key pair
     * the fake checks the JWT assertion against.
     */
    public Path writeServiceAccountKey(Path directory) {
        KeyPair keys = serviceAccountKeys();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("type", "service_account");
        key.put("project_id", "sheet-sync-fake");
        key.put("private_key_id", "fake-key-1");
        key.put("private_key", pem);
        key.put("client_email", "sheet-sync@sheet-sync-fake.iam.gserviceaccount.com");
        key.put("client_id", "100000000000000000001");
        key.put("token_uri", rootUrl() + "token");
        try {
            Path file = directory.resolve("service-account.json");
            Files.writeString(file, json.writeValueAsString(key));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized KeyPair serviceAccountKeys() {
        if (serviceAccountKeys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                serviceAccountKeys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return serviceAccountKeys;
    }

    // ---------------------------------------------------------------- assertions

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests to one API. */
    public List<RecordedRequest> requests(Api api) {
        return requests.stream().filter(r -> api == Api.ANY || r.api() == api).toList();
    }

    /** Every range asked for through values get and batchGet, in order, decoded. */
    public List<String> requestedRanges() {
        List<String> ranges = new ArrayList<>();
        for (RecordedRequest request : requests) {
            if (request.api() == Api.VALUES) {
                if (request.path().contains("/values/")) {
                    ranges.add(request.path().substring(request.path().indexOf("/values/") + "/values/".length()));
                } else {
                    ranges.addAll(request.queryParams("ranges"));
                }
            }
        }
        return ranges;
    }

    public void clearRequests() {
        requests.clear();
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true; // only extensions in static fields see beforeAll
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (classScoped) {
            clearRequests();
            synchronized (this) {
                script.clear();
            }
        } else {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
            executor.shutdownNow(); // wakes handlers sleeping in a scripted delay
        }
    }

    // ---------------------------------------------------------------- model

    /** Which part of the API a request went to. */
    public enum Api { METADATA, VALUES, TOKEN, OTHER, ANY }

    /** One spreadsheet: sheets in tab order. */
    public final class Spreadsheet {
        private final String id;
        private final Map<String, Sheet> sheets = new LinkedHashMap<>();

        private Spreadsheet(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The sheet (tab) with this title, added after the existing ones on first use. */
        public Sheet sheet(String title) {
            synchronized (SheetsApiFake.this) {
                return sheets.computeIfAbsent(title, t -> new Sheet(t, sheets.size()));
            }
        }
    }

    /**
     * One sheet: a grid of typed cells (String, Number, Boolean, null, or {@link Formatted}), row 1 first.
     * Cells are kept as given; {@code null} and "" are empty cells.
     */
    public final class Sheet {
        private final String title;
        private final int sheetId;
        private final List<List<Object>> rows = new ArrayList<>();
        private Integer rowCount;
        private Integer columnCount;

        private Sheet(String title, int index) {
            this.title = title;
            this.sheetId = index == 0 ? 0 : 1_000_000 + index;
        }

        /** Replaces the cells with these rows (row 1 first). */
        public Sheet rows(List<? extends List<?>> newRows) {
            synchronized (SheetsApiFake.this) {
                rows.clear();
                newRows.forEach(row -> rows.add(new ArrayList<>(row)));
            }
            return this;
        }

        /** Appends one row. */
        public Sheet row(Object... cells) {
            synchronized (SheetsApiFake.this) {
                rows.add(new ArrayList<>(java.util.Arrays.asList(cells)));
            }
            return this;
        }

        /** Sets the grid size (the sheet's rowCount and columnCount); data outside it is unreachable, as in Sheets. */
        public Sheet grid(int rows, int columns) {
            synchronized (SheetsApiFake.this) {
                this.rowCount = rows;
                this.columnCount = columns;
            }
            return this;
        }

        public String title() {
            return title;
        }

        public int rowCount() {
            synchronized (SheetsApiFake.this) {
                return rowCount != null ? rowCount : rows.size() + EXTRA_GRID_ROWS;
            }
        }

        public int columnCount() {
            synchronized (SheetsApiFake.this) {
                if (columnCount != null) {
                    return columnCount;
                }
                return rows.stream().mapToInt(List::size).max().orElse(0) + EXTRA_GRID_COLUMNS;
            }
        }

        private Object cell(int row, int column) {
            if (row > rows.size()) {
                return null;
            }
            List<Object> cells = rows.get(row - 1);
            return column > cells.size() ? null : cells.get(column - 1);
        }
    }

    /**
     * A cell with a display text besides its value: a date (serial number shown as "2024/01/01") or a formatted number.
     * FORMATTED_VALUE answers the text; UNFORMATTED_VALUE the value, except for dates unless dateTimeRenderOption is
     * SERIAL_NUMBER (Google's default for dates is FORMATTED_STRING).
     */
    public record Formatted(Object value, String text, boolean dateTime) {
    }

    /** A date or date-time cell: its serial number (days since 1899-12-30) and its display text. */
    public static Formatted date(Number serial, String text) {
        return new Formatted(serial, text, true);
    }

    /** A number shown formatted, e.g. {@code formatted(1234.5, "¥1,234.50")}. */
    public static Formatted formatted(Object value, String text) {
        return new Formatted(value, text, false);
    }

    /**
     * A response played instead of (or, with status 0, before) the normal answer.
     *
     * @param status     HTTP status to answer, or 0 to answer normally after the delay
     * @param retryAfter value of a Retry-After header, or null
     * @param delay      wait before answering
     * @param api        the kind of request it applies to
     */
    public record ScriptedResponse(int status, String retryAfter, Duration delay, Api api) {
        public ScriptedResponse {
            Objects.requireNonNull(delay);
            Objects.requireNonNull(api);
        }

        /** Answers this HTTP status (with a Google-style JSON error body). */
        public static ScriptedResponse status(int status) {
            return new ScriptedResponse(status, null, Duration.ZERO, Api.ANY);
        }

        /** Answers normally, but only after the delay. */
        public static ScriptedResponse slow(Duration delay) {
            return new ScriptedResponse(0, null, delay, Api.ANY);
        }

        public ScriptedResponse withRetryAfter(String value) {
            return new ScriptedResponse(status, value, delay, api);
        }

        public ScriptedResponse after(Duration wait) {
            return new ScriptedResponse(status, retryAfter, wait, api);
        }

        /** Applies to the next request of this kind only (default: any request). */
        public ScriptedResponse on(Api kind) {
            return new ScriptedResponse(status, retryAfter, delay, kind);
        }
    }

    /**
     * One request as received.
     *
     * @param path    the decoded path, e.g. {@code /v4/spreadsheets/id/values/'売主 一覧'!A1:F}
     * @param rawPath the path as sent, percent-encoded
     * @param query   decoded query parameters in order
     * @param headers header values by lower-case name
     * @param receivedAt when the request arrived
     */
    public record RecordedRequest(String method, String path, String rawPath, Map<String, List<String>> query,
                                  Map<String, List<String>> headers, String body, Api api, Instant receivedAt) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String queryParam(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public List<String> queryParams(String name) {
            return query.getOrDefault(name, List.of());
        }
    }

    // ---------------------------------------------------------------- serving

    private record Answer(int status, Object body, Map<String, String> headers) {
        static Answer ok(Object body) {
            return new Answer(200, body, Map.of());
        }
    }

    private static final class ApiError extends Exception {
        final int status;
        final String googleStatus;

        ApiError(int status, String googleStatus, String message) {
            super(message, null, false, false);
            this.status = status;
            this.googleStatus = googleStatus;
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            RecordedRequest request = record(exchange);
            requests.add(request);
            ScriptedResponse scripted = nextScripted(request.api());
            if (scripted != null && !scripted.delay().isZero()) {
                Thread.sleep(scripted.delay().toMillis());
            }
            Answer answer;
            if (scripted != null && scripted.status() != 0) {
                Map<String, String> headers = scripted.retryAfter() == null ? Map.of()
                        : Map.of("Retry-After", scripted.retryAfter());
                answer = new Answer(scripted.status(), errorBody(scripted.status(), statusName(scripted.status()),
                        defaultMessage(scripted.status())), headers);
            } else {
                answer = answer(request);
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: drop the answer, as a dying server would
        } catch (IOException e) {
            // the client went away (e.g. its read timeout); nothing to answer
        }
    }

    private synchronized ScriptedResponse nextScripted(Api api) {
        for (Iterator<ScriptedResponse> it = script.iterator(); it.hasNext(); ) {
            ScriptedResponse response = it.next();
            if (response.api() == Api.ANY || response.api() == api) {
                it.remove();
                return response;
            }
        }
        return null;
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = decode(rawPath, false);
        Api api;
        if ("/token".equals(path)) {
            api = Api.TOKEN;
        } else if (!path.startsWith(V4)) {
            api = Api.OTHER;
        } else if (path.contains("/values/") || path.endsWith("/values:batchGet")) {
            api = Api.VALUES;
        } else {
            api = Api.METADATA;
        }
        return new RecordedRequest(exchange.getRequestMethod(), path, rawPath, query, headers, body, api, Instant.now());
    }

    private Answer answer(RecordedRequest request) {
        try {
            if (request.api() == Api.TOKEN) {
                return token(request);
            }
            if (request.api() == Api.OTHER) {
                throw new ApiError(404, "NOT_FOUND", "The requested URL " + request.path() + " was not found.");
            }
            String authorization = request.header("Authorization");
            if (authorization == null || !authorization.equals("Bearer " + expectedToken)) {
                return new Answer(401, errorBody(401, "UNAUTHENTICATED", authorization == null
                        ? "Request is missing required authentication credential. Expected OAuth 2 access token, "
                        + "login cookie or other valid authentication credential."
                        : "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
                        + "cookie or other valid authentication credential."),
                        Map.of("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", "
                                + "error=\"invalid_token\""));
            }
            if (!"GET".equals(request.method())) {
                throw new ApiError(405, "INVALID_ARGUMENT", "This fake serves reads only: " + request.method());
            }
            String rest = request.rawPath().substring(V4.length());
            synchronized (this) {
                if (rest.contains("/values/")) {
                    int at = rest.indexOf("/values/");
                    Spreadsheet spreadsheet = find(decode(rest.substring(0, at), false));
                    String range = decode(rest.substring(at + "/values/".length()), false);
                    return Answer.ok(values(spreadsheet, range, request));
                }
                if (rest.endsWith("/values:batchGet")) {
                    Spreadsheet spreadsheet = find(decode(rest.substring(0, rest.length() - 16), false));
                    List<Object> valueRanges = new ArrayList<>();
                    for (String range : request.queryParams("ranges")) {
                        valueRanges.add(values(spreadsheet, range, request));
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("spreadsheetId", spreadsheet.id());
                    if (!valueRanges.isEmpty()) {
                        body.put("valueRanges", valueRanges);
                    }
                    return Answer.ok(body);
                }
                if (rest.contains("/")) {
                    throw new ApiError(404, "NOT_FOUND", "The requested URL " + request.path() + " was not found.");
                }
                return Answer.ok(metadata(find(decode(rest, false)), request.queryParam("fields")));
            }
        } catch (ApiError e) {
            return new Answer(e.status, errorBody(e.status, e.googleStatus, e.getMessage()), Map.of());
        }
    }

    private Spreadsheet find(String id) throws ApiError {
        Spreadsheet spreadsheet = spreadsheets.get(id);
        if (spreadsheet == null) {
            throw new ApiError(404, "NOT_FOUND", "Requested entity was not found.");
        }
        return spreadsheet;
    }

    private Map<String, Object> metadata(Spreadsheet spreadsheet, String fields) {
        List<Object> sheets = new ArrayList<>();
        int index = 0;
        for (Sheet sheet : spreadsheet.sheets.values()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("sheetId", sheet.sheetId);
            properties.put("title", sheet.title);
            properties.put("index", index++);
            properties.put("sheetType", "GRID");
            properties.put("gridProperties", Map.of("rowCount", sheet.rowCount(), "columnCount", sheet.columnCount()));
            sheets.add(Map.of("properties", properties));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (fields == null || !fields.startsWith("sheets")) {
            body.put("spreadsheetId", spreadsheet.id());
            body.put("properties", Map.of("title", "Spreadsheet " + spreadsheet.id(), "locale", "ja_JP",
                    "timeZone", "Asia/Tokyo"));
        }
        body.put("sheets", sheets);
        return body;
    }

    // ---------------------------------------------------------------- ranges and values

    private record Window(Sheet sheet, int firstRow, int firstColumn, int lastRow, int lastColumn) {
    }

    private Map<String, Object> values(Spreadsheet spreadsheet, String range, RecordedRequest request)
            throws ApiError {
        Window window = resolve(spreadsheet, range);
        String render = Objects.requireNonNullElse(request.queryParam("valueRenderOption"), "FORMATTED_VALUE");
        String dates = Objects.requireNonNullElse(request.queryParam("dateTimeRenderOption"), "FORMATTED_STRING");
        String dimension = Objects.requireNonNullElse(request.queryParam("majorDimension"), "ROWS");
        if (!List.of("FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA").contains(render)) {
            throw new ApiError(400, "INVALID_ARGUMENT", "Invalid value at 'value_render_option' (type.googleapis.com/"
                    + "google.apps.sheets.v4.ValueRenderOption), \"" + render + "\"");
        }
        if (!List.of("SERIAL_NUMBER", "FORMATTED_STRING").contains(dates)) {
            throw new ApiError(400, "INVALID_ARGUMENT", "Invalid value at 'date_time_render_option', \"" + dates + "\"");
        }
        if (!List.of("ROWS", "COLUMNS").contains(dimension)) {
            throw new ApiError(400, "INVALID_ARGUMENT", "Invalid value at 'major_dimension', \"" + dimension + "\"");
        }
        boolean byRows = dimension.equals("ROWS");
        int outer = byRows ? window.lastRow() - window.firstRow() + 1 : window.lastColumn() - window.firstColumn() + 1;
        int inner = byRows ? window.lastColumn() - window.firstColumn() + 1 : window.lastRow() - window.firstRow() + 1;
        List<List<Object>> lines = new ArrayList<>();
        for (int o = 0; o < outer; o++) {
            List<Object> line = new ArrayList<>();
            for (int i = 0; i < inner; i++) {
                int row = window.firstRow() + (byRows ? o : i);
                int column = window.firstColumn() + (byRows ? i : o);
                line.add(render(window.sheet().cell(row, column), render, dates));
            }
            while (!line.isEmpty() && line.get(line.size() - 1) == null) {
                line.remove(line.size() - 1); // trailing empty cells are left out
            }
            line.replaceAll(v -> v == null ? "" : v); // empty cells before the last value are ""
            lines.add(line);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // and so are trailing empty rows
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("range", quote(window.sheet().title) + "!" + letters(window.firstColumn()) + window.firstRow() + ":"
                + letters(window.lastColumn()) + window.lastRow());
        body.put("majorDimension", dimension);
        if (!lines.isEmpty()) {
            body.put("values", lines);
        }
        return body;
    }

    /** The rendered cell, or null when empty. */
    private static Object render(Object cell, String render, String dates) {
        if (cell == null || "".equals(cell)) {
            return null;
        }
        boolean formatted = render.equals("FORMATTED_VALUE");
        if (cell instanceof Formatted f) {
            if (formatted || f.dateTime() && dates.equals("FORMATTED_STRING")) {
                return f.text();
            }
            return render(f.value(), render, dates);
        }
        if (cell instanceof Boolean b) {
            return formatted ? (b ? "TRUE" : "FALSE") : b;
        }
        if (cell instanceof Number n) {
            BigDecimal decimal = new BigDecimal(n.toString());
            return formatted ? decimal.stripTrailingZeros().toPlainString() : decimal;
        }
        return cell.toString();
    }

    /** Resolves an A1 range the way the Sheets API does; 400 for unknown sheets, bad syntax or cells past the grid. */
    private Window resolve(Spreadsheet spreadsheet, String range) throws ApiError {
        String title;
        String cells;
        if (range.startsWith("'")) {
            StringBuilder quoted = new StringBuilder();
            int i = 1;
            while (true) {
                if (i >= range.length()) {
                    throw unparsable(range);
                }
                if (range.charAt(i) == '\'') {
                    if (i + 1 < range.length() && range.charAt(i + 1) == '\'') {
                        quoted.append('\'');
                        i += 2;
                        continue;
                    }
                    break;
                }
                quoted.append(range.charAt(i++));
            }
            title = quoted.toString();
            String rest = range.substring(i + 1);
            if (!rest.isEmpty() && !rest.startsWith("!")) {
                throw unparsable(range);
            }
            cells = rest.isEmpty() ? null : rest.substring(1);
        } else if (spreadsheet.sheets.containsKey(range)) {
            title = range;
            cells = null;
        } else if (range.contains("!")) {
            title = range.substring(0, range.lastIndexOf('!'));
            cells = range.substring(range.lastIndexOf('!') + 1);
        } else {
            title = null;
            cells = range;
        }
        Sheet sheet = title == null
                ? spreadsheet.sheets.values().stream().findFirst().orElseThrow(() -> unparsable(range))
                : spreadsheet.sheets.get(title);
        if (sheet == null) {
            throw unparsable(range);
        }
        int rows = sheet.rowCount();
        int columns = sheet.columnCount();
        if (cells == null) {
            return new Window(sheet, 1, 1, rows, columns);
        }
        Matcher m = A1.matcher(cells);
        if (!m.matches() || cells.isEmpty()) {
            throw unparsable(range);
        }
        boolean single = m.group(3) == null;
        String c1 = m.group(1);
        String r1 = m.group(2);
        String c2 = single ? c1 : m.group(3);
        String r2 = single ? r1 : m.group(4);
        boolean rowsOnly = c1.isEmpty() && c2.isEmpty();
        if ((c1.isEmpty() != c2.isEmpty()) || (rowsOnly && (r1.isEmpty() || r2.isEmpty()))
                || (single && (c1.isEmpty() || r1.isEmpty())) || (!single && c1.isEmpty() && !rowsOnly)) {
            throw unparsable(range);
        }
        int firstColumn = rowsOnly ? 1 : column(c1);
        int lastColumn = rowsOnly ? columns : column(c2);
        int firstRow = r1.isEmpty() ? 1 : Integer.parseInt(r1);
        int lastRow = r2.isEmpty() ? rows : Integer.parseInt(r2);
        if (firstRow < 1 || lastRow < 1) {
            throw unparsable(range);
        }
        // Google answers reversed ranges as if they were written the right way round
        int top = Math.min(firstRow, lastRow);
        int bottom = Math.max(firstRow, lastRow);
        int left = Math.min(firstColumn, lastColumn);
        int right = Math.max(firstColumn, lastColumn);
        if (bottom > rows || right > columns) {
            throw new ApiError(400, "INVALID_ARGUMENT", "Range (" + quote(sheet.title) + "!" + cells
                    + ") exceeds grid limits. Max rows: " + rows + ", max columns: " + columns);
        }
        return new Window(sheet, top, left, bottom, right);
    }

    private static ApiError unparsable(String range) {
        return new ApiError(400, "INVALID_ARGUMENT", "Unable to parse range: " + range);
    }

    private static int column(String letters) {
        int number = 0;
        for (char c : letters.toUpperCase(Locale.ROOT).toCharArray()) {
            number = number * 26 + (c - 'A' + 1);
        }
        return number;
    }

    private static String letters(int column) {
        StringBuilder letters = new StringBuilder();
        for (int n = column; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    private static String quote(String title) {
        return title.matches("[A-Za-z_][A-Za-z0-9_]*") && !title.matches("[A-Za-z]{1,3}\\d+")
                ? title
                : "'" + title.replace("'", "''") + "'";
    }

    // ---------------------------------------------------------------- token endpoint

    private Answer token(RecordedRequest request) throws ApiError {
        Map<String, List<String>> form = parseQuery(request.body());
        List<String> grant = form.getOrDefault("grant_type", List.of());
        List<String> assertion = form.getOrDefault("assertion", List.of());
        if (!"POST".equals(request.method()) || !grant.equals(List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                || assertion.size() != 1 || !validSignature(assertion.get(0))) {
            return new Answer(400, Map.of("error", "invalid_grant", "error_description", "Invalid JWT Signature."),
                    Map.of());
        }
        return Answer.ok(Map.of("access_token", expectedToken, "expires_in", 3599, "token_type", "Bearer"));
    }

    private boolean validSignature(String jwt) {
        String[] parts = jwt.split("\\.");
        KeyPair keys;
        synchronized (this) {
            keys = serviceAccountKeys;
        }
        if (parts.length != 3 || keys == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- HTTP plumbing

    private Map<String, Object> errorBody(int status, String googleStatus, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("message", message);
        error.put("errors", List.of(Map.of("message", message, "domain", "global", "reason", reason(status))));
        error.put("status", googleStatus);
        return Map.of("error", error);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "badRequest";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "notFound";
            case 429 -> "rateLimitExceeded";
            default -> "backendError";
        };
    }

    private static String statusName(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 500 -> "INTERNAL";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "UNKNOWN";
        };
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 403 -> "The caller does not have permission";
            case 429 -> "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per "
                    + "user' of service 'sheets.googleapis.com'.";
            case 500 -> "Internal error encountered.";
            case 503 -> "The service is currently unavailable.";
            default -> "Scripted failure " + status + ".";
        };
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = json.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        query.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return query;
    }

    /** Percent-decodes UTF-8; '+' is a space only in queries (in paths it is a plus, as Google reads it). */
    private static String decode(String text, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
                i++;
            } else {
                int codePoint = text.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
