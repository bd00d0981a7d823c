package io.sheetsync.alert;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What callers below admin see of an alert that quotes a run's error. */
class AlertRedactionTest {

    @Test
    void the_error_text_in_message_and_details_gives_way_to_its_category_and_sqlstate() {
        Alert alert = alert("sync 1 failed: FATAL: too many clients at db.internal",
                "{\"syncId\": \"1\", \"error\": \"FATAL: too many clients at db.internal\","
                        + " \"errorCategory\": \"database\", \"sqlState\": \"53300\"}");

        Alert seen = AlertRedaction.withoutErrorText(alert);

        assertThat(seen.message()).isEqualTo("sync 1 failed: database error: the database refused or failed an"
                + " operation (SQLSTATE 53300); the full text is shown to admins");
        assertThat(seen.details()).doesNotContain("db.internal").contains("\"errorCategory\":\"database\"",
                "\"sqlState\":\"53300\"", "\"syncId\":\"1\"");
        assertThat(seen.id()).isEqualTo(alert.id());
    }

    @Test
    void an_alert_from_before_categories_were_stored_reads_as_unknown() {
        Alert seen = AlertRedaction.withoutErrorText(alert("sync 2 failed: /srv/x.csv unreadable",
                "{\"error\": \"/srv/x.csv unreadable\"}"));

        assertThat(seen.message()).isEqualTo("sync 2 failed: unclassified error; the full text is shown to admins");
        assertThat(seen.details()).contains("\"errorCategory\":\"unknown\"").doesNotContain("/srv");
    }

    @Test
    void an_alert_without_an_error_is_left_as_it_is() {
        Alert gap = alert("3 seller(s) are still missing", "{\"syncId\": \"3\", \"remainingGaps\": [\"AA1\"]}");

        assertThat(AlertRedaction.withoutErrorText(gap)).isSameAs(gap);
        assertThat(AlertRedaction.withoutErrorText(alert("no details", null))).extracting(Alert::message)
                .isEqualTo("no details");
    }

    private static Alert alert(String message, String details) {
        return new Alert("a1", "medium", "sync_failed", message, details, Instant.EPOCH, false, null, null, null, 1,
                "1");
    }
}
