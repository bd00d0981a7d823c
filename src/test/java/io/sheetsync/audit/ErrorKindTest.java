package io.sheetsync.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The category and SQLSTATE of an error, and the sentence callers below admin read instead of its text. */
class ErrorKindTest {

    @Test
    void the_sentence_names_the_category_and_sqlstate_and_nothing_else() {
        assertThat(new ErrorKind("database", "53300").description()).isEqualTo("database error: the database refused or"
                + " failed an operation (SQLSTATE 53300); the full text is shown to admins");
        assertThat(new ErrorKind("network", null).description()).startsWith("network error").doesNotContain("SQLSTATE");
        assertThat(new ErrorKind(ErrorKind.STOPPED, null).description()).contains("stopped before it finished");
        assertThat(ErrorKind.UNKNOWN.description()).startsWith("unclassified error");
    }

    @Test
    void a_failure_stored_without_a_category_reads_as_unknown() {
        assertThat(ErrorKind.stored(null, null)).isEqualTo(ErrorKind.UNKNOWN);
        assertThat(ErrorKind.stored("gaps", null)).isEqualTo(new ErrorKind(ErrorKind.GAPS, null));
    }

    @Test
    void an_unknown_category_or_a_malformed_sqlstate_is_refused_naming_it() {
        assertThatThrownBy(() -> new ErrorKind("disk", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'disk'");
        assertThatThrownBy(() -> new ErrorKind("database", "5330")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'5330'");
        assertThatThrownBy(() -> new ErrorLog("AA1", "x", null, ErrorType.DATABASE, "x;--y", java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQLSTATE");
    }
}
