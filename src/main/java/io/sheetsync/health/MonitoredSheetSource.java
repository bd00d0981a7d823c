package io.sheetsync.health;

import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetSource;

import java.time.Clock;

/** A sheet source that reports the outcome of every fetch to a {@link SourceStatus}. */
public final class MonitoredSheetSource implements SheetSource {

    private final SheetSource source;
    private final SourceStatus status;
    private final ErrorClassifier classifier;
    private final Clock clock;

    public MonitoredSheetSource(SheetSource source, SourceStatus status, ErrorClassifier classifier, Clock clock) {
        this.source = source;
        this.status = status;
        this.classifier = classifier;
        this.clock = clock;
    }

    @Override
    public SheetData fetch() {
        SheetData data;
        try {
            data = source.fetch();
        } catch (RuntimeException e) {
            status.failed(clock.instant(), classifier.safeMessage(e));
            throw e;
        }
        status.succeeded(clock.instant(), data.rows().size());
        return data;
    }

    @Override
    public String describe() {
        return source.describe();
    }
}
