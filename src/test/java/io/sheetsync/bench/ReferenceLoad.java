package io.sheetsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.SheetsApiFake;
import io.sheetsync.support.TestDatabase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The yardstick: PostgreSQL loading the same rows by itself. One {@code psql} process (timed as a whole, like the
 * service) copies them into a staging table and merges them into tables shaped exactly like {@code sellers} and
 * {@code properties} (the service's own DDL) with one {@code INSERT ... ON CONFLICT DO UPDATE} each, computing a
 * SHA-256 content hash and storing every cell as jsonb, in one transaction.
 */
final class ReferenceLoad {

    private static final String MERGE = """
            \\set ON_ERROR_STOP on
            BEGIN;
            CREATE TEMP TABLE stage (seller_number text, name text, inquiry_date date, phone text, email text,
              address text, status text, source_row int, source_updated_at timestamptz, raw jsonb,
              property_address text, property_type text, land_area numeric, building_area numeric) ON COMMIT DROP;
            \\copy stage FROM '%s' WITH (FORMAT csv)
            INSERT INTO sellers AS t (seller_number, name, inquiry_date, phone, email, address, status, source_row,
              source_updated_at, content_hash, raw, version, last_synced_at)
            SELECT seller_number, name, inquiry_date, phone, email, address, status, source_row, source_updated_at,
              encode(sha256(convert_to(concat_ws(E'\\x1f', name, inquiry_date, phone, email, address, status,
                source_updated_at, raw::text, property_address, property_type, land_area, building_area), 'UTF8')), 'hex'),
              raw, 1, now()
            FROM stage
            ON CONFLICT (seller_number) DO UPDATE SET name = EXCLUDED.name, inquiry_date = EXCLUDED.inquiry_date,
              phone = EXCLUDED.phone, email = EXCLUDED.email, address = EXCLUDED.address, status = EXCLUDED.status,
              source_row = EXCLUDED.source_row, source_updated_at = EXCLUDED.source_updated_at,
              content_hash = EXCLUDED.content_hash, raw = EXCLUDED.raw, version = t.version + 1,
              updated_at = now(), last_synced_at = now()
            WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash;
            INSERT INTO properties AS p (seller_id, address, property_type, land_area, building_area)
            SELECT t.id, s.property_address, s.property_type, s.land_area, s.building_area
            FROM stage s JOIN sellers t USING (seller_number)
            WHERE s.property_address IS NOT NULL OR s.property_type IS NOT NULL OR s.land_area IS NOT NULL
              OR s.building_area IS NOT NULL
            ON CONFLICT (seller_id) DO UPDATE SET address = EXCLUDED.address, property_type = EXCLUDED.property_type,
              land_area = EXCLUDED.land_area, building_area = EXCLUDED.building_area, version = p.version + 1,
              updated_at = now()
            WHERE (p.address, p.property_type, p.land_area, p.building_area)
              IS DISTINCT FROM (EXCLUDED.address, EXCLUDED.property_type, EXCLUDED.land_area, EXCLUDED.building_area);
            COMMIT;
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SERIAL_EPOCH = LocalDate.of(1899, 12, 30).toEpochDay();

    private final TestDatabase database;
    private final Path csv;
    private final Path script;

    private ReferenceLoad(TestDatabase database, Path csv, Path script) {
        this.database = database;
        this.csv = csv;
        this.script = script;
    }

    /** Prepares the tables (the service's DDL) and the rows as a CSV file under {@code directory}. */
    static ReferenceLoad prepare(TestDatabase database, List<List<Object>> sheet, Path directory) throws IOException {
        try (InputStream ddl = ReferenceLoad.class.getResourceAsStream("/db/migration/V2__sellers_and_properties.sql")) {
            database.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        }
        Files.createDirectories(directory);
        Path csv = directory.resolve("reference-rows.csv");
        writeCsv(sheet, csv);
        Path script = directory.resolve("reference-load.sql");
        Files.writeString(script, MERGE.formatted(csv.toAbsolutePath().toString().replace("'", "''")));
        return new ReferenceLoad(database, csv, script);
    }

    /** Empties the tables (not timed), then times one psql process loading every row; returns its wall time in ms. */
    long run() throws IOException, InterruptedException {
        database.execute("TRUNCATE sellers CASCADE");
        database.execute("CHECKPOINT");
        ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-h", "127.0.0.1", "-U", database.user(),
                "-d", database.name(), "-f", script.toString()).redirectErrorStream(true);
        long started = System.nanoTime();
        Process process = psql.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException("the reference load failed (psql exit " + exit + "): " + output);
        }
        return ms;
    }

    /** How many sellers the reference stored (a check that it loaded every row). */
    long storedSellers() {
        return Long.parseLong(database.query("SELECT count(*) FROM sellers").get(0));
    }

    Path csv() {
        return csv;
    }

    static void writeCsv(List<List<Object>> sheet, Path file) throws IOException {
        List<Object> header = sheet.get(0);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.POSTGRESQL_CSV)) {
            for (int r = 1; r < sheet.size(); r++) {
                List<Object> row = sheet.get(r);
                Map<String, String> raw = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    raw.put(header.get(c).toString(), text(row.get(c)));
                }
                List<String> record = new ArrayList<>();
                for (int c = 0; c < 7; c++) {
                    record.add(c == 2 ? dateText(row.get(c)) : blankToNull(text(row.get(c))));
                }
                record.add(Integer.toString(r + 1));
                record.add(timestampText(row.get(11)));
                record.add(JSON.writeValueAsString(raw));
                for (int c = 7; c < 11; c++) {
                    record.add(blankToNull(text(row.get(c))));
                }
                printer.printRecord(record);
            }
        }
    }

    private static String text(Object cell) {
        if (cell instanceof SheetsApiFake.Formatted formatted) {
            return formatted.value().toString();
        }
        return cell instanceof BigDecimal decimal ? decimal.toPlainString() : cell.toString();
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static String dateText(Object cell) {
        return LocalDate.ofEpochDay(SERIAL_EPOCH + new BigDecimal(text(cell)).longValue()).toString();
    }

    private static String timestampText(Object cell) {
        BigDecimal serial = new BigDecimal(text(cell));
        long seconds = serial.multiply(BigDecimal.valueOf(86_400)).longValue();
        return Instant.ofEpochSecond((SERIAL_EPOCH * 86_400) + seconds - 9 * 3600).toString();
    }
}
