package io.sheetsync.support;

import io.sheetsync.sync.RunSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs real syncs of generated sheets on a {@link TestService} and reads back what they wrote to the sellers and
 * properties tables, so run-based property tests compare the stored rows with what the sheet was generated to mean.
 */
public final class SyncedSellers {

    private static final String STORED = """
            SELECT s.id, s.seller_number, s.name, s.inquiry_date, s.phone, s.email, s.address, s.status, s.source_row,
              s.source_updated_at, s.content_hash, s.version, s.created_at, s.updated_at, s.last_synced_at,
              p.id, p.address, p.property_type, p.land_area, p.building_area, p.version, p.updated_at
            FROM sellers s LEFT JOIN properties p ON p.seller_id = s.id""";

    // Every column as PostgreSQL renders it, and xmin, which changes with any write to the row, even a no-op UPDATE.
    private static final String DUMP = """
            SELECT row_to_json(s)::text || ' xmin=' || s.xmin || ' | '
              || coalesce(row_to_json(p)::text || ' xmin=' || p.xmin, 'no property')
            FROM sellers s LEFT JOIN properties p ON p.seller_id = s.id ORDER BY s.seller_number""";

    private final TestService service;
    private final TestDatabase database;

    public SyncedSellers(TestService service, TestDatabase database) {
        this.service = service;
        this.database = database;
    }

    /**
     * Forgets every earlier example: sellers, properties, runs with their logs, alerts and the retry queue. With no
     * earlier run the shrink guard has nothing to compare a sheet with, so each example stands alone.
     */
    public void reset() {
        database.execute("DELETE FROM sellers; DELETE FROM sync_retry_queue; DELETE FROM sync_audit_logs;"
                + " DELETE FROM sync_alerts");
    }

    /** Makes the sheet the service's CSV file. */
    public void write(MessySheet sheet) {
        try {
            service.sheet(sheet.csv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one manual sync of whatever sheet is written, to its end. */
    public RunSummary sync() {
        try {
            return service.syncNow();
        } catch (Exception e) {
            throw new IllegalStateException("the sync could not be run", e);
        }
    }

    /** Writes the sheet and syncs it once. */
    public RunSummary sync(MessySheet sheet) {
        write(sheet);
        return sync();
    }

    /** Every stored seller with its property record, by seller number. */
    public Map<String, Stored> stored() {
        Map<String, Stored> sellers = new TreeMap<>();
        try (Connection connection = database.pooled();
             PreparedStatement statement = connection.prepareStatement(STORED);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Stored seller = new Stored(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getObject(4, LocalDate.class), rows.getString(5), rows.getString(6), rows.getString(7),
                        rows.getString(8), (Integer) rows.getObject(9), instant(rows, 10), rows.getString(11),
                        rows.getInt(12), instant(rows, 13), instant(rows, 14), instant(rows, 15),
                        rows.getObject(16, UUID.class), rows.getString(17), rows.getString(18), rows.getBigDecimal(19),
                        rows.getBigDecimal(20), (Integer) rows.getObject(21), instant(rows, 22));
                assertThat(sellers.put(seller.sellerNumber(), seller)).as("a second row for %s", seller.sellerNumber())
                        .isNull();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the sellers failed", e);
        }
        return sellers;
    }

    /** One line per seller holding every column of it and of its property, with their row versions: any write shows. */
    public List<String> dump() {
        return database.query(DUMP);
    }

    /** {@code seller_number operation result} of every record log the run wrote, sorted. */
    public List<String> recordLogs(RunSummary run) {
        return database.query("SELECT seller_number || ' ' || operation || ' ' || result FROM sync_record_logs"
                + " WHERE audit_log_id = '" + run.syncId() + "' ORDER BY 1");
    }

    /** The messages of the errors of one type ({@code validation}, ...) the run logged. */
    public List<String> errorMessages(RunSummary run, String type) {
        return database.query("SELECT error_message FROM sync_error_logs WHERE audit_log_id = '" + run.syncId()
                + "' AND error_type = '" + type + "'");
    }

    /**
     * Asserts that every seller the sheet must store is stored with the values its winning row was generated with,
     * read from that row. Other stored sellers (orphans) are the caller's to check.
     */
    public static void assertHoldsSheet(Map<String, Stored> stored, MessySheet sheet) {
        Map<String, Integer> rows = sheet.winningRows();
        sheet.expectedSellers().forEach((key, intended) -> {
            assertThat(stored).as("stored sellers").containsKey(key);
            Stored seller = stored.get(key);
            String what = key + " of row " + rows.get(key);
            assertThat(seller.name()).as("name of %s", what).isEqualTo(intended.name());
            assertThat(seller.inquiryDate()).as("inquiry_date of %s", what).isEqualTo(intended.inquiryDate());
            assertThat(seller.phone()).as("phone of %s", what).isEqualTo(intended.phone());
            assertThat(seller.email()).as("email of %s", what).isEqualTo(intended.email());
            assertThat(seller.address()).as("address of %s", what).isEqualTo(intended.address());
            assertThat(seller.status()).as("status of %s", what).isEqualTo(intended.status());
            assertThat(seller.sourceUpdatedAt()).as("source_updated_at of %s", what).isEqualTo(intended.updatedAt());
            assertThat(seller.sourceRow()).as("source_row of %s", what).isEqualTo(rows.get(key));
            assertThat(seller.propertyId() != null).as("a property record for %s", what)
                    .isEqualTo(intended.hasProperty());
            if (intended.hasProperty()) {
                assertThat(seller.propertyAddress()).as("property address of %s", what)
                        .isEqualTo(intended.propertyAddress());
                assertThat(seller.propertyType()).as("property type of %s", what).isEqualTo(intended.propertyType());
                assertSameNumber(seller.landArea(), intended.landArea(), "land_area of " + what);
                assertSameNumber(seller.buildingArea(), intended.buildingArea(), "building_area of " + what);
            }
        });
    }

    private static void assertSameNumber(BigDecimal actual, BigDecimal expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isEqualByComparingTo(expected);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** A stored seller row and its property record (property columns null when it has none). */
    public record Stored(UUID id, String sellerNumber, String name, LocalDate inquiryDate, String phone, String email,
                         String address, String status, Integer sourceRow, Instant sourceUpdatedAt,
                         String contentHash, int version, Instant createdAt, Instant updatedAt, Instant lastSyncedAt,
                         UUID propertyId, String propertyAddress, String propertyType, BigDecimal landArea,
                         BigDecimal buildingArea, Integer propertyVersion, Instant propertyUpdatedAt) {
    }
}
