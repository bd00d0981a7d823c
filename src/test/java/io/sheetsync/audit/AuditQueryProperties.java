package io.sheetsync.audit;

import io.sheetsync.db.Database;
import io.sheetsync.recovery.ErrorType;
import io.sheetsync.seller.SellerNumbers;
import io.sheetsync.support.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed property 10: audit queries answer exactly the runs that match every filter, newest first. */
class AuditQueryProperties {

    static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    static final List<String> SELLERS = List.of("AA1", "AA2", "AA3", "AA4");

    static TestDatabase database;
    static Database pool;
    static AuditRepository audit;

    @BeforeContainer
    static void open() {
        database = TestDatabase.create(AuditQueryProperties.class);
        pool = database.open();
        audit = new AuditRepository(pool.dataSource());
    }

    @AfterContainer
    static void close() {
        pool.close();
        database.close();
    }

    /** A run of the seeded history: when it started (minutes after T0), its outcome, the sellers it logged. */
    record PastRun(int minute, RunStatus status, Set<String> recorded, Set<String> errored) {
    }

    /** Filters as an API caller writes them; empty means the filter is left out. */
    record Filters(Optional<Integer> startMinute, Optional<Integer> endMinute, Optional<Boolean> success,
                   Optional<String> seller, Optional<Integer> limit) {
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 10: for any audit log query with filters, the results"
            + " match all specified filter criteria (date range, success status, seller number)")
    void an_audit_query_answers_exactly_the_matching_runs_newest_first(@ForAll("histories") List<PastRun> history,
                                                                       @ForAll("filters") Filters filters)
            throws Exception {
        database.execute("DELETE FROM sync_audit_logs");
        Map<UUID, PastRun> runs = new HashMap<>();
        for (PastRun run : history) {
            runs.put(seed(run), run);
        }
        Map<String, String> params = new HashMap<>();
        filters.startMinute().ifPresent(minute -> params.put("startDate", T0.plusSeconds(minute * 60L).toString()));
        filters.endMinute().ifPresent(minute -> params.put("endDate", T0.plusSeconds(minute * 60L).toString()));
        filters.success().ifPresent(success -> params.put("success", success.toString()));
        filters.seller().ifPresent(seller -> params.put("sellerNumber", seller));
        filters.limit().ifPresent(limit -> params.put("limit", limit.toString()));
        if (filters.startMinute().isPresent() && filters.endMinute().isPresent()
                && filters.endMinute().get() < filters.startMinute().get()) {
            assertThatThrownBy(() -> AuditQuery.parse(params, ZONE)).isInstanceOfSatisfying(InvalidQueryException.class,
                    e -> assertThat(e.field()).isEqualTo("endDate"));
            return;
        }

        List<UUID> answer = audit.query(AuditQuery.parse(params, ZONE)).stream().map(AuditLog::id).toList();

        String seller = filters.seller().map(SellerNumbers::parse).orElse(null);
        List<UUID> expected = runs.entrySet().stream()
                .filter(entry -> filters.startMinute().map(start -> entry.getValue().minute() >= start).orElse(true))
                .filter(entry -> filters.endMinute().map(end -> entry.getValue().minute() <= end).orElse(true))
                .filter(entry -> filters.success().map(success -> entry.getValue().status()
                        == (success ? RunStatus.COMPLETED : RunStatus.FAILED)).orElse(true))
                .filter(entry -> seller == null || entry.getValue().recorded().contains(seller)
                        || entry.getValue().errored().contains(seller))
                .sorted(Comparator.comparingInt((Map.Entry<UUID, PastRun> entry) -> entry.getValue().minute()).reversed())
                .limit(filters.limit().orElse(AuditQuery.DEFAULT_LIMIT))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(answer).isEqualTo(expected);
        Statistics.label("answer").collect(answer.isEmpty() ? "empty" : "runs");
        Statistics.label("answer").coverage(coverage -> coverage.check("runs").percentage(p -> p > 15));
    }

    private static UUID seed(PastRun run) throws Exception {
        Instant start = T0.plusSeconds(run.minute() * 60L);
        UUID id = audit.insertStart(TriggerSource.MANUAL, start, "test");
        List<RecordLog> records = new ArrayList<>();
        run.recorded().forEach(seller -> records.add(new RecordLog(seller, RecordLog.Operation.UPDATE, true, null, start)));
        audit.insertRecordLogs(id, records);
        audit.insertErrorLogs(id, run.errored().stream()
                .map(seller -> new ErrorLog(seller, "row 2: bad", null, ErrorType.VALIDATION, start)).toList());
        if (run.status() != RunStatus.IN_PROGRESS) {
            audit.complete(id, run.status(), start.plusSeconds(30), RunCounts.NONE, null, null);
        }
        return id;
    }

    @Provide
    Arbitrary<List<PastRun>> histories() {
        Arbitrary<Set<String>> sellers = Arbitraries.of(SELLERS).set().ofMaxSize(3);
        return Arbitraries.integers().between(0, 600).set().ofMaxSize(8).flatMap(minutes -> {
            List<Arbitrary<PastRun>> runs = minutes.stream().map(minute -> Combinators.combine(
                    Arbitraries.of(RunStatus.class), sellers, sellers)
                    .as((status, recorded, errored) -> new PastRun(minute, status, recorded, errored))).toList();
            return Combinators.combine(runs).as(List::copyOf);
        });
    }

    @Provide
    Arbitrary<Filters> filters() {
        Arbitrary<Optional<Integer>> minute = Arbitraries.integers().between(-10, 610).optional(0.5);
        // Seller numbers as people type them: any case, full-width, padded; AA9 is never in the history.
        Arbitrary<Optional<String>> seller = Arbitraries.of("AA1", "aa2", "ＡＡ３", " AA4 ", "AA9").optional(0.5);
        return Combinators.combine(minute, minute, Arbitraries.of(true, false).optional(0.5), seller,
                Arbitraries.integers().between(1, 10).optional(0.3)).as(Filters::new);
    }
}
