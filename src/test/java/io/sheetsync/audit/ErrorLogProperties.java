package io.sheetsync.audit;

import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.seller.SheetFormatException;
import io.sheetsync.sheet.SheetUnavailableException;
import io.sheetsync.db.Database;
import io.sheetsync.support.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed property 8: what an error log row holds, written to and read back from the real table. */
class ErrorLogProperties {

    static TestDatabase database;
    static Database pool;
    static AuditRepository audit;

    @BeforeContainer
    static void migrate() {
        database = TestDatabase.create(ErrorLogProperties.class);
        pool = database.open();
        javax.sql.DataSource dataSource = pool.dataSource();
        audit = new AuditRepository(dataSource);
    }

    @AfterContainer
    static void drop() {
        pool.close();
        database.close();
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 8: for any sync error, the error log contains error"
            + " message, stack trace and affected seller number")
    void every_error_is_logged_with_message_trace_and_seller(@ForAll("errors") Throwable error,
                                                              @ForAll("sellerNumbers") String sellerNumber)
            throws Exception {
        UUID run = audit.insertStart(TriggerSource.MANUAL, Instant.now(), "test");
        ErrorLog log = ErrorLog.of(sellerNumber, error, new ErrorClassifier(), Instant.now());

        audit.insertErrorLogs(run, List.of(log));

        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT seller_number, error_message, stack_trace, error_type"
                     + " FROM sync_error_logs WHERE audit_log_id = '" + run + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(sellerNumber);
            assertThat(row.getString(2)).isNotBlank().doesNotContain("hunter2");
            assertThat(row.getString(3)).contains(error.getClass().getName()).doesNotContain("hunter2");
            assertThat(row.getString(4)).isIn("network", "validation", "database", "unknown");
            assertThat(row.next()).isFalse();
        }
    }

    @Provide
    Arbitrary<Throwable> errors() {
        Arbitrary<String> message = Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(0).ofMaxLength(40),
                Arbitraries.of("connect failed password=hunter2", "token: hunter2 rejected", "Bearer hunter2"));
        return message.flatMap(text -> Arbitraries.of(
                new SQLException(text),
                new SheetUnavailableException(text, 503, null),
                new SheetFormatException(text),
                new DatabaseUnavailableException(text, new SocketTimeoutException(text)),
                new IllegalStateException(text, new SQLException(text))));
    }

    @Provide
    Arbitrary<String> sellerNumbers() {
        return Arbitraries.integers().between(1, 999_999).map(n -> "AA" + n);
    }
}
