package io.sheetsync.audit;

import io.sheetsync.db.Database;
import io.sheetsync.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit queries against the real schema: the filters, the seller history, and the indexes behind them. */
class AuditTrailTest {

    static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    static TestDatabase database;
    static Database pool;
    static RunLogWriter writer;
    static AuditTrail audit;

    @BeforeAll
    static void open() {
        database = TestDatabase.create(AuditTrailTest.class);
        pool = database.open();
        writer = new RunLogWriter(pool.dataSource());
        audit = new AuditTrail(pool.dataSource());
    }

    @AfterAll
    static void close() {
        pool.close();
        database.close();
    }

    @BeforeEach
    void emptyTables() {
        database.execute("TRUNCATE sync_audit_logs CASCADE");
    }

    @Test
    void filters_combine_and_answers_are_newest_first() throws Exception {
        UUID first = run(T0, RunStatus.COMPLETED, "AA1", "AA2");
        UUID second = run(T0.plusSeconds(3600), RunStatus.FAILED, "AA2");
        UUID third = run(T0.plusSeconds(7200), RunStatus.COMPLETED, "AA3");
        UUID running = run(T0.plusSeconds(9000), RunStatus.IN_PROGRESS);
        writer.insertErrorLogs(third, List.of(new ErrorLog("AA1", "row 5: bad date", null, ErrorType.VALIDATION,
                T0.plusSeconds(7201))));

        assertThat(ids(new AuditQuery(null, null, null, null, 100))).containsExactly(running, third, second, first);
        assertThat(ids(new AuditQuery(null, null, true, null, 100))).containsExactly(third, first);
        assertThat(ids(new AuditQuery(null, null, false, null, 100))).containsExactly(second);
        assertThat(ids(new AuditQuery(null, null, null, "AA1", 100))).containsExactly(third, first);
        assertThat(ids(new AuditQuery(null, null, null, "AA2", 100))).containsExactly(second, first);
        assertThat(ids(new AuditQuery(T0.plusSeconds(3600), T0.plusSeconds(7200), null, null, 100)))
                .containsExactly(second);
        assertThat(ids(new AuditQuery(T0.plusSeconds(1), null, true, "AA1", 100))).containsExactly(third);
        assertThat(ids(new AuditQuery(null, null, null, null, 2))).containsExactly(running, third);
        assertThat(ids(new AuditQuery(null, null, null, "AA999", 100))).isEmpty();
    }

    @Test
    void a_sellers_history_holds_every_run_that_logged_it_with_only_its_own_logs() throws Exception {
        UUID created = run(T0, RunStatus.COMPLETED, "AA1", "AA2");
        run(T0.plusSeconds(60), RunStatus.COMPLETED, "AA2");
        UUID rejected = run(T0.plusSeconds(120), RunStatus.COMPLETED);
        writer.insertRecordLogs(rejected, List.of(new RecordLog("AA1", RecordLog.Operation.SKIP, false,
                "row 3: inquiry_date 'someday' is not a date", T0.plusSeconds(121))));
        writer.insertErrorLogs(rejected, List.of(new ErrorLog("AA1", "row 3: inquiry_date 'someday' is not a date",
                "trace", ErrorType.VALIDATION, T0.plusSeconds(121))));

        List<SellerRun> history = audit.sellerHistory("AA1", 100);

        assertThat(history).extracting(entry -> entry.run().id()).containsExactly(rejected, created);
        assertThat(history.get(0).records()).singleElement().satisfies(record -> {
            assertThat(record.operation()).isEqualTo(RecordLog.Operation.SKIP);
            assertThat(record.success()).isFalse();
        });
        assertThat(history.get(0).errors()).singleElement()
                .satisfies(error -> assertThat(error.type()).isEqualTo(ErrorType.VALIDATION));
        assertThat(history.get(1).records()).extracting(RecordLog::sellerNumber).containsExactly("AA1");
        assertThat(history.get(1).errors()).isEmpty();
        assertThat(audit.sellerHistory("AA1", 1)).hasSize(1);
        assertThat(audit.sellerHistory("AA404", 10)).isEmpty();
    }

    @Test
    void a_runs_logs_come_a_page_at_a_time_with_their_totals() throws Exception {
        UUID id = run(T0, RunStatus.COMPLETED, "AA1", "AA2", "AA3", "AA4", "AA5");
        writer.insertErrorLogs(id, List.of(new ErrorLog(null, "boom", "trace", ErrorType.DATABASE, T0)));

        assertThat(audit.logCounts(id)).isEqualTo(new AuditTrail.LogCounts(5, 1));
        assertThat(audit.recordLogs(id, 2, 0)).extracting(RecordLog::sellerNumber).containsExactly("AA1", "AA2");
        assertThat(audit.recordLogs(id, 2, 4)).extracting(RecordLog::sellerNumber).containsExactly("AA5");
        assertThat(audit.errorLogs(id, 10, 0)).extracting(ErrorLog::message).containsExactly("boom");
        assertThat(audit.errorLogs(id, 10, 1)).isEmpty();
    }

    @Test
    void every_audit_query_and_the_seller_history_are_served_by_indexes() throws Exception {
        Instant from = T0;
        Instant before = T0.plusSeconds(86_400);
        String byTime = "idx_sync_audit_logs_start_time";
        String byStatus = "idx_sync_audit_logs_status";
        String bySeller = "idx_sync_record_logs_seller_number";
        String bySellerError = "idx_sync_error_logs_seller_number";
        Map<AuditQuery, List<String>> expected = new LinkedHashMap<>();
        expected.put(new AuditQuery(null, null, null, null, 100), List.of(byTime));
        expected.put(new AuditQuery(from, before, null, null, 100), List.of(byTime));
        expected.put(new AuditQuery(null, null, true, null, 100), List.of(byStatus));
        expected.put(new AuditQuery(from, null, false, null, 100), List.of(byStatus));
        expected.put(new AuditQuery(null, null, null, "AA1", 100), List.of(bySeller, bySellerError));
        expected.put(new AuditQuery(from, before, true, "AA1", 100), List.of(bySeller, bySellerError));
        try (Connection connection = database.connect(); Statement settings = connection.createStatement()) {
            // On a near-empty table the planner rightly prefers a scan; forbidding it shows whether an index exists.
            settings.execute("SET enable_seqscan = off");
            for (Map.Entry<AuditQuery, List<String>> query : expected.entrySet()) {
                AuditTrail.Sql sql = AuditTrail.select(query.getKey());
                try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql.text())) {
                    sql.bind(explain);
                    String plan = plan(explain);
                    assertThat(plan).as(query.getKey().toString()).doesNotContain("Seq Scan")
                            .contains(query.getValue());
                }
            }
            try (PreparedStatement explain = connection.prepareStatement(
                    "EXPLAIN SELECT audit_log_id FROM sync_record_logs WHERE seller_number = ? AND audit_log_id = ANY(?)")) {
                explain.setString(1, "AA1");
                explain.setArray(2, connection.createArrayOf("uuid", new Object[] {UUID.randomUUID()}));
                assertThat(plan(explain)).doesNotContain("Seq Scan").contains("idx_sync_record_logs_seller_number");
            }
        }
    }

    private static String plan(PreparedStatement explain) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static List<UUID> ids(AuditQuery query) throws Exception {
        return audit.query(query).stream().map(AuditLog::id).toList();
    }

    /** A run started at {@code start} that created the given sellers and ended with {@code status}. */
    static UUID run(Instant start, RunStatus status, String... created) throws Exception {
        UUID id = writer.insertStart(TriggerSource.SCHEDULED, start, "test", null);
        List<RecordLog> records = new ArrayList<>();
        for (String seller : created) {
            records.add(new RecordLog(seller, RecordLog.Operation.CREATE, true, null, start.plusMillis(records.size())));
        }
        writer.insertRecordLogs(id, records);
        if (status != RunStatus.IN_PROGRESS) {
            writer.complete(id, status, start.plusSeconds(10), new RunCounts(created.length, created.length,
                    created.length, 0, 0, 0), null, null, null);
        }
        return id;
    }
}
