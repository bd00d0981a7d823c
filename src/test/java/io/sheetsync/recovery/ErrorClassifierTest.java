package io.sheetsync.recovery;

import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.seller.SheetFormatException;
import io.sheetsync.sheet.SheetUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorClassifierTest {

    private final ErrorClassifier classifier = new ErrorClassifier();

    @Test
    void failures_are_sorted_by_their_cause_chain() {
        assertThat(classifier.classify(new SheetUnavailableException("503", 503, null))).isEqualTo(ErrorType.NETWORK);
        assertThat(classifier.classify(new RuntimeException(new IOException("reset")))).isEqualTo(ErrorType.NETWORK);
        assertThat(classifier.classify(new IllegalStateException(new SQLException("gone")))).isEqualTo(ErrorType.DATABASE);
        assertThat(classifier.classify(new DatabaseUnavailableException("down", null))).isEqualTo(ErrorType.DATABASE);
        assertThat(classifier.classify(new SheetFormatException("no header"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(classifier.classify(new IllegalStateException("bug"))).isEqualTo(ErrorType.UNKNOWN);
    }

    @Test
    void messages_and_traces_mask_anything_that_looks_like_a_secret() {
        Exception error = new SQLException("auth failed for password=s3cret token: abc123 Authorization: Bearer xyz");

        assertThat(classifier.safeMessage(error)).doesNotContain("s3cret", "abc123", "xyz").contains("password=***");
        assertThat(classifier.safeStackTrace(error)).doesNotContain("s3cret", "abc123", "xyz")
                .contains("java.sql.SQLException");
    }

    @Test
    void an_error_without_a_message_is_named_by_its_type() {
        assertThat(classifier.safeMessage(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
