package io.sheetsync.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sheetsync.support.ApiJson;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.sheetsync.support.Unchecked.checked;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed property 10: GET /api/audit answers exactly the runs that match every filter given, newest first. */
class AuditQueryProperties {

    /**
     * The service's SYNC_TIME_ZONE, set here rather than left at its default: whole quarter-hour offsets and a
     * daylight-saving change inside the generated history (2026-04-05 03:45 local) test the zone, not a lucky +09:00.
     */
    static final ZoneId ZONE = ZoneId.of("Pacific/Chatham");
    static final Instant FIRST = Instant.parse("2026-04-02T18:00:00Z");
    static final int SPAN_SECONDS = 4 * 24 * 3600;
    static final List<String> SELLERS = List.of("AA1", "AA2", "AA3", "AA12679");
    static final List<String> OFFSETS = List.of("Z", "+09:00", "-03:30", "+13:45");

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_TIME_ZONE", ZONE.getId()));

    /** A past run: its id, start, status, and the sellers named in its record logs and its error logs. */
    record PastRun(UUID id, Instant start, RunStatus status, Set<String> recorded, Set<String> errored) {

        @Override
        public String toString() {
            return start + " " + status.code() + " records" + recorded + " errors" + errored;
        }
    }

    /**
     * One end of the date range as a caller writes it, with what it means: the first instant it admits (start) or the
     * last (end); a date covers that whole day in {@link #ZONE}.
     */
    record Bound(String text, Instant first, Instant last) {

        @Override
        public String toString() {
            return "'" + text + "'";
        }
    }

    /** The filters of one query; null means left out. {@code seller} is typed as a person would type it. */
    record Filters(Bound start, Bound end, Boolean success, String seller, Integer limit) {

        Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            if (start != null) {
                params.put("startDate", start.text());
            }
            if (end != null) {
                params.put("endDate", end.text());
            }
            if (success != null) {
                params.put("success", success.toString());
            }
            if (seller != null) {
                params.put("sellerNumber", seller);
            }
            if (limit != null) {
                params.put("limit", limit.toString());
            }
            return params;
        }

        /** The range admits nothing: its end comes before its start. */
        boolean reversed() {
            return start != null && end != null && end.last().isBefore(start.first());
        }

        boolean admits(PastRun run) {
            return (start == null || !run.start().isBefore(start.first()))
                    && (end == null || !run.start().isAfter(end.last()))
                    && (success == null || run.status() == (success ? RunStatus.COMPLETED : RunStatus.FAILED))
                    && (seller == null || run.recorded().contains(intended(seller))
                    || run.errored().contains(intended(seller)));
        }

        @Override
        public String toString() {
            return params().toString();
        }
    }

    record Scenario(List<PastRun> history, Filters filters) {
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 10: Audit log query filtering — for any audit log"
            + " query with filters, the results should match all specified filter criteria (date range, success"
            + " status, seller number)")
    void an_audit_query_answers_exactly_the_runs_matching_every_filter_newest_first() {
        PropertyTests.runs().forAll(scenarios()).checkAssert(checked(scenario -> {
            seed(scenario.history());
            Filters filters = scenario.filters();

            String query = filters.params().entrySet().stream()
                    .map(param -> param.getKey() + "=" + URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            if (filters.reversed()) {
                JsonNode refused = ApiJson.get(SYNC.service(), "/api/audit?" + query, TestService.ADMIN, 400);
                assertThat(refused.get("field").asText()).isEqualTo("endDate");
                return;
            }
            JsonNode answer = ApiJson.get(SYNC.service(), "/api/audit?" + query, TestService.ADMIN, 200);

            List<String> expected = scenario.history().stream()
                    .filter(filters::admits)
                    .sorted(Comparator.comparing(PastRun::start).reversed())
                    .limit(filters.limit() == null ? Long.MAX_VALUE : filters.limit())
                    .map(run -> run.id().toString())
                    .toList();
            List<String> ids = new ArrayList<>();
            answer.get("auditLogs").forEach(log -> ids.add(log.get("id").asText()));
            assertThat(ids).isEqualTo(expected);
            assertThat(answer.get("count").asInt()).isEqualTo(expected.size());
        }));
    }

    /** Writes the history straight into the tables, so the answer is checked against rows the test chose. */
    private static void seed(List<PastRun> history) {
        StringBuilder sql = new StringBuilder("DELETE FROM sync_audit_logs;");
        if (!history.isEmpty()) {
            sql.append("INSERT INTO sync_audit_logs (id, start_time, end_time, trigger_source, status) VALUES ")
                    .append(history.stream().map(run -> "('" + run.id() + "', " + utc(run.start()) + ", "
                            + (run.status() == RunStatus.IN_PROGRESS ? "NULL" : utc(run.start().plusSeconds(40)))
                            + ", 'manual', '" + run.status().code() + "')").collect(Collectors.joining(", ")))
                    .append(';');
        }
        List<String> records = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (PastRun run : history) {
            run.recorded().forEach(seller -> records.add("('" + run.id() + "', '" + seller + "', 'update', 'success', "
                    + utc(run.start()) + ")"));
            run.errored().forEach(seller -> errors.add("('" + run.id() + "', '" + seller + "', 'row 2: bad',"
                    + " 'validation', " + utc(run.start()) + ")"));
            // An error of the whole run names no seller: it must not match any seller filter.
            errors.add("('" + run.id() + "', NULL, 'fetch failed', 'network', " + utc(run.start()) + ")");
        }
        if (!records.isEmpty()) {
            sql.append("INSERT INTO sync_record_logs (audit_log_id, seller_number, operation, result, timestamp)"
                    + " VALUES ").append(String.join(", ", records)).append(';');
        }
        if (!errors.isEmpty()) {
            sql.append("INSERT INTO sync_error_logs (audit_log_id, seller_number, error_message, error_type,"
                    + " timestamp) VALUES ").append(String.join(", ", errors)).append(';');
        }
        SYNC.database().execute(sql.toString());
    }

    private static String utc(Instant instant) {
        return "TIMESTAMP '" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'";
    }

    /** The seller number a typed filter stands for: the pool's key it was typed from, or itself. */
    private static String intended(String typed) {
        for (String key : SELLERS) {
            for (int variant = 0; variant < 5; variant++) {
                if (MessySheets.typedKey(key, variant).equals(typed)) {
                    return key;
                }
            }
        }
        return typed;
    }

    private static Gen<Scenario> scenarios() {
        Gen<Scenario> scenarios = in -> {
            List<PastRun> history = history(in);
            Filters filters = new Filters(
                    present(in) ? bound(in, history) : null,
                    present(in) ? bound(in, history) : null,
                    present(in) ? Generate.booleans().generate(in) : null,
                    present(in) ? seller(in) : null,
                    Generate.range(1, 10).generate(in) <= 3 ? Generate.range(1, 8).generate(in) : null);
            return new Scenario(history, filters);
        };
        return scenarios.describedAs(scenario -> "history " + scenario.history() + "\nfilters " + scenario.filters());
    }

    /** Up to ten runs at distinct seconds of four days, of any status, each naming some sellers. */
    private static List<PastRun> history(RandomnessSource in) {
        int size = Generate.range(0, 10).generate(in);
        Set<Integer> seconds = new TreeSet<>();
        List<PastRun> runs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int second = Generate.range(0, SPAN_SECONDS).generate(in);
            if (!seconds.add(second)) {
                continue;
            }
            RunStatus status = Generate.enumValues(RunStatus.class).generate(in);
            runs.add(new PastRun(UUID.nameUUIDFromBytes(("run " + i).getBytes(StandardCharsets.UTF_8)),
                    FIRST.plusSeconds(second), status, sellers(in), sellers(in)));
        }
        return runs;
    }

    private static Set<String> sellers(RandomnessSource in) {
        Set<String> sellers = new TreeSet<>();
        for (String seller : SELLERS) {
            if (Generate.range(1, 3).generate(in) == 1) {
                sellers.add(seller);
            }
        }
        return sellers;
    }

    /**
     * One end of the range: often exactly a run's start (the ends are inclusive), else any moment around the history;
     * written as a date, a local date-time or a date-time with an offset, sometimes padded.
     */
    private static Bound bound(RandomnessSource in, List<PastRun> history) {
        Instant moment = !history.isEmpty() && Generate.booleans().generate(in)
                ? history.get(Generate.range(0, history.size() - 1).generate(in)).start()
                : FIRST.plusSeconds(Generate.range(-86_400, SPAN_SECONDS + 86_400).generate(in));
        String pad = Generate.range(1, 5).generate(in) == 1 ? " " : "";
        Bound bound;
        switch (Generate.range(0, 2).generate(in)) {
            case 0 -> {
                LocalDate day = LocalDate.ofInstant(moment, ZONE);
                bound = new Bound(day.toString(), day.atStartOfDay(ZONE).toInstant(),
                        day.plusDays(1).atStartOfDay(ZONE).toInstant().minusNanos(1000));
            }
            case 1 -> {
                LocalDateTime local = LocalDateTime.ofInstant(moment, ZONE);
                String text = local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                // The instant the text names: in a daylight-saving overlap that may be the other of the two.
                Instant named = LocalDateTime.parse(text).atZone(ZONE).toInstant();
                bound = new Bound(text, named, named);
            }
            default -> {
                ZoneOffset offset = ZoneOffset.of(OFFSETS.get(Generate.range(0, OFFSETS.size() - 1).generate(in)));
                String text = OffsetDateTime.ofInstant(moment, offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                bound = new Bound(text, moment, moment);
            }
        }
        return new Bound(pad + bound.text() + pad, bound.first(), bound.last());
    }

    /** A seller number as typed (lower-case, full-width, padded), or one no run names. */
    private static String seller(RandomnessSource in) {
        if (Generate.range(1, 6).generate(in) == 1) {
            return "AA99";
        }
        return MessySheets.typedKey(SELLERS.get(Generate.range(0, SELLERS.size() - 1).generate(in)),
                Generate.range(0, 4).generate(in));
    }

    private static boolean present(RandomnessSource in) {
        return Generate.booleans().generate(in);
    }
}
