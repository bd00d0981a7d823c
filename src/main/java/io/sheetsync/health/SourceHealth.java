package io.sheetsync.health;

import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.sheet.FetchedSheet;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.time.Clock;

/** Reports the outcome of every attempt at reading the sheet (route {@code read-sheet}) to a {@link SourceStatus}. */
public final class SourceHealth {

    private final SourceStatus status;
    private final ErrorClassifier classifier;
    private final Clock clock;

    public SourceHealth(SourceStatus status, ErrorClassifier classifier, Clock clock) {
        this.status = status;
        this.classifier = classifier;
        this.clock = clock;
    }

    /** The sheet was read. */
    public void fetched(@Body FetchedSheet data) {
        status.succeeded(clock.instant(), data.rowCount());
    }

    /** The read failed: the health check shows why, in words safe to show. */
    public void failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception error) {
        status.failed(clock.instant(), classifier.safeMessage(error));
    }
}
