package io.sheetsync.db;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The schema: the Flyway migrations under {@code db/migration}, applied by Flyway unless the database's history
 * already lists exactly these, each applied successfully with the checksum Flyway gives its file. That check costs
 * one query; Flyway's own (scanning the jar, loading its classes, validating) was 0.25 s of every {@code --once}
 * start. Anything else (a new or empty database, a pending, failed, edited or unknown migration) goes to Flyway, which
 * migrates, or refuses as before.
 */
public final class Migrations {

    static final String LOCATION = "db/migration";

    /** Every migration, in order. A test holds it to the files under {@link #LOCATION}: add a new one here too. */
    static final List<String> FILES = List.of("V1__sync_tables.sql", "V2__sellers_and_properties.sql",
            "V3__verification_and_alerts.sql", "V4__recovery.sql", "V5__observability.sql", "V6__sheet_columns.sql",
            "V7__housekeeping.sql", "V8__config_history.sql", "V9__caller_names.sql", "V10__error_categories.sql",
            "V11__sheet_stage.sql", "V12__stage_held_rows.sql", "V13__stage_statistics.sql",
            "V14__stage_held_rows_without_fields.sql", "V15__stage_raw_cells_as_text.sql");

    private static final String HISTORY = "SELECT version, description, type, script, checksum, success"
            + " FROM flyway_schema_history ORDER BY installed_rank";

    private Migrations() {
    }

    /** Brings the schema up to date (see the class comment); Flyway's exceptions pass through. */
    public static void apply(DataSource pool) {
        if (!current(pool)) {
            // all pending migrations in one transaction (PostgreSQL's DDL is transactional): one commit, not one per
            // file, and an upgrade that fails half way leaves the schema as it found it; no callback scripts to scan
            // for. Together 0.1 s of the 0.6 s Flyway took to create the schema from a cold start.
            Flyway.configure().dataSource(pool).locations("classpath:" + LOCATION).group(true)
                    .skipDefaultCallbacks(true).load().migrate();
        }
    }

    /** Whether the history holds exactly the migrations of {@link #FILES}, all applied, unedited. */
    static boolean current(DataSource pool) {
        List<String> applied = new ArrayList<>();
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(HISTORY)) {
            while (rows.next()) {
                applied.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|"
                        + rows.getString(4) + "|" + rows.getInt(5) + "|" + rows.getBoolean(6));
            }
        } catch (SQLException e) {
            return false; // no history yet, or none readable: Flyway finds out which
        }
        return applied.equals(expected());
    }

    /** Each file's row as Flyway writes it to its history. */
    static List<String> expected() {
        List<String> rows = new ArrayList<>();
        for (String file : FILES) {
            String name = file.substring(1, file.length() - ".sql".length());
            int separator = name.indexOf("__");
            rows.add(name.substring(0, separator) + "|" + name.substring(separator + 2).replace('_', ' ') + "|SQL|"
                    + file + "|" + checksum(file) + "|true");
        }
        return rows;
    }

    /** Flyway's checksum of a migration: CRC-32 of its lines' UTF-8 bytes, line breaks and byte-order mark left out. */
    static int checksum(String file) {
        CRC32 crc = new CRC32();
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(LOCATION + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                crc.update(withoutBom(line).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + file, e);
        }
        return (int) crc.getValue();
    }

    private static String withoutBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
