package io.sheetsync.recovery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sheetsync.audit.ErrorLog;
import io.sheetsync.db.DatabaseUnavailableException;
import io.sheetsync.seller.SheetFormatException;
import io.sheetsync.sheet.SheetUnavailableException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed property 25: every error gets one category, and the audit, the metrics and the retries agree on it. */
class ErrorClassifierProperties {

    private final ErrorClassifier classifier = new ErrorClassifier();

    /** A failure at the bottom of a chain, and the category it stands for. */
    record Root(Throwable error, ErrorType type) {
    }

    @Property(tries = 100)
    @Label("Feature: sync-reliability-enhancement, Property 25: for any sync error, the error is categorized by type"
            + " (network, validation, database)")
    void every_error_gets_the_category_of_its_cause_however_deeply_wrapped(@ForAll("roots") Root root,
                                                                           @ForAll("wrappings") List<Integer> wrappers) {
        Throwable error = wrap(root.error(), wrappers);

        ErrorType type = classifier.classify(error);

        assertThat(type).isEqualTo(root.type());
        assertThat(ErrorLog.of(null, error, classifier, Instant.EPOCH).type()).isEqualTo(type);
        if (classifier.isRetryable(error)) {
            assertThat(type).isIn(ErrorType.NETWORK, ErrorType.DATABASE);
        }
        if (type == ErrorType.VALIDATION || type == ErrorType.UNKNOWN) {
            assertThat(classifier.isRetryable(error)).isFalse();
        }
        if (classifier.isConnectionLoss(error)) {
            assertThat(type).isEqualTo(ErrorType.DATABASE);
            assertThat(classifier.isRetryable(error)).isTrue();
        }
    }

    @Provide
    Arbitrary<Root> roots() {
        Arbitrary<String> words = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20);
        return Arbitraries.oneOf(
                words.map(message -> new Root(new SheetFormatException(message), ErrorType.VALIDATION)),
                Combinators.combine(words, Arbitraries.of("08006", "08001", "57P01", "40P01", "23505", "42P01", null))
                        .as((message, state) -> new Root(new SQLException(message, state), ErrorType.DATABASE)),
                words.map(message -> new Root(new DatabaseUnavailableException(message, null), ErrorType.DATABASE)),
                Combinators.combine(words, Arbitraries.of(0, 400, 401, 403, 404, 429, 500, 502, 503, 504))
                        .as((message, status) -> new Root(new SheetUnavailableException(message, status, null),
                                ErrorType.NETWORK)),
                words.map(message -> new Root(new SocketTimeoutException(message), ErrorType.NETWORK)),
                words.map(message -> new Root(new IOException(message), ErrorType.NETWORK)),
                Arbitraries.just(new Root(CallNotPermittedException.createCallNotPermittedException(
                        CircuitBreaker.ofDefaults("test")), ErrorType.NETWORK)),
                words.map(message -> new Root(new IllegalStateException(message), ErrorType.UNKNOWN)));
    }

    @Provide
    Arbitrary<List<Integer>> wrappings() {
        return Arbitraries.integers().between(0, 2).list().ofMaxSize(4);
    }

    /** Wraps the way the code does: plain runtime wrappers and Camel's exchange exceptions. */
    private static Throwable wrap(Throwable root, List<Integer> wrappers) {
        Throwable error = root;
        for (int kind : wrappers) {
            error = switch (kind) {
                case 0 -> new RuntimeException("wrapped", error);
                case 1 -> new org.apache.camel.CamelExchangeException("Multicast processing failed", null, error);
                default -> new org.apache.camel.RuntimeCamelException(error);
            };
        }
        return error;
    }
}
