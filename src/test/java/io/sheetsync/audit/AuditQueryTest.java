package io.sheetsync.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading audit filters from query parameters, and the SQL they become, without a database. */
class AuditQueryTest {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void no_filters_ask_for_the_newest_hundred_runs() {
        AuditQuery query = AuditQuery.parse(Map.of(), TOKYO);

        assertThat(query).isEqualTo(new AuditQuery(null, null, null, null, 100));
    }

    @Test
    void dates_are_whole_days_in_the_configured_zone_and_the_end_day_is_included() {
        AuditQuery query = AuditQuery.parse(Map.of("startDate", "2024-01-01", "endDate", "2024-01-31"), TOKYO);

        assertThat(query.from()).isEqualTo(Instant.parse("2023-12-31T15:00:00Z"));
        assertThat(query.before()).isEqualTo(Instant.parse("2024-01-31T15:00:00Z"));
    }

    @Test
    void date_times_with_an_offset_are_exact_and_without_one_are_local_and_the_end_moment_is_included() {
        AuditQuery query = AuditQuery.parse(Map.of("startDate", "2024-01-01T09:00:00Z",
                "endDate", "2024-01-02T18:30:00.123456789"), TOKYO);

        assertThat(query.from()).isEqualTo(Instant.parse("2024-01-01T09:00:00Z"));
        assertThat(query.before()).isEqualTo(Instant.parse("2024-01-02T09:30:00.123458Z"));
        assertThat(AuditQuery.parse(Map.of("startDate", "2024-01-01T10:00:00+09:00"), TOKYO).from())
                .isEqualTo(Instant.parse("2024-01-01T01:00:00Z"));
    }

    @Test
    void success_is_true_or_false_and_seller_numbers_are_normalised_like_the_sheet() {
        AuditQuery query = AuditQuery.parse(Map.of("success", "TRUE", "sellerNumber", " ａａ１２６７９ "), TOKYO);

        assertThat(query.success()).isTrue();
        assertThat(query.sellerNumber()).isEqualTo("AA12679");
        assertThat(AuditQuery.parse(Map.of("success", "false"), TOKYO).success()).isFalse();
    }

    @Test
    void every_unusable_filter_is_refused_naming_its_field() {
        assertRefused(Map.of("startDate", "yesterday"), "startDate", "must be a date (2024-01-31)");
        assertRefused(Map.of("startDate", "2024-02-30"), "startDate", "was '2024-02-30'");
        assertRefused(Map.of("endDate", "2024-01-01T00:00:00 09:00"), "endDate", "write + in an offset as %2B");
        assertRefused(Map.of("endDate", "+10000-01-01"), "endDate", "must be a date");
        assertRefused(Map.of("endDate", ""), "endDate", "was ''");
        assertRefused(Map.of("startDate", "2024-02-01", "endDate", "2024-01-31"), "endDate", "must not be before startDate");
        assertRefused(Map.of("success", "yes"), "success", "must be true or false, was 'yes'");
        assertRefused(Map.of("sellerNumber", "XX1"), "sellerNumber", "'XX1' is not a seller number");
        assertRefused(Map.of("sellerNumber", ""), "sellerNumber", "is not a seller number");
        assertRefused(Map.of("sellerNumber", "AA" + "1".repeat(60)), "sellerNumber", "longer than the 50");
        assertRefused(Map.of("limit", "0"), "limit", "from 1 to 1000");
        assertRefused(Map.of("limit", "1001"), "limit", "from 1 to 1000");
        assertRefused(Map.of("limit", "ten"), "limit", "was 'ten'");
    }

    @Test
    void a_query_without_filters_selects_by_start_time_only() {
        AuditTrail.Sql sql = AuditTrail.select(new AuditQuery(null, null, null, null, 5));

        assertThat(sql.text()).doesNotContain("WHERE").endsWith("FROM sync_audit_logs ORDER BY start_time DESC LIMIT ?");
        assertThat(sql.params()).containsExactly(5);
    }

    @Test
    void each_filter_adds_one_parameterised_condition_and_no_value_is_written_into_the_sql() {
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        Instant before = Instant.parse("2024-02-01T00:00:00Z");
        AuditTrail.Sql sql = AuditTrail.select(new AuditQuery(from, before, false, "AA12679", 20));

        assertThat(sql.text()).contains("start_time >= ?", "start_time < ?", "status = ?",
                "SELECT audit_log_id FROM sync_record_logs WHERE seller_number = ?",
                "SELECT audit_log_id FROM sync_error_logs WHERE seller_number = ?");
        assertThat(sql.text()).doesNotContain("AA12679", "failed", "2024", "20");
        assertThat(sql.params()).containsExactly(LocalDateTime.ofInstant(from, ZoneOffset.UTC),
                LocalDateTime.ofInstant(before, ZoneOffset.UTC), "failed", "AA12679", "AA12679", 20);
        assertThat(sql.text().chars().filter(c -> c == '?').count()).isEqualTo(sql.params().size());
        assertThat(AuditTrail.select(new AuditQuery(null, null, true, null, 1)).params())
                .isEqualTo(List.of("completed", 1));
    }

    private static void assertRefused(Map<String, String> params, String field, String problem) {
        assertThatThrownBy(() -> AuditQuery.parse(params, TOKYO))
                .as(params.toString())
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ").contains(problem);
                });
    }
}
