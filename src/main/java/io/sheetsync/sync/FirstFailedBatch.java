package io.sheetsync.sync;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * How the batches of a group, written side by side, end as one: failed with the failure of the first failed batch in
 * sheet order, as when they were written one after the other (Camel hands the results over in the group's order,
 * the split not being streamed). A later batch's failure rides along as a suppressed exception, so the run's error
 * log (its stack trace) still names it.
 */
public final class FirstFailedBatch implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange written, Exchange next) {
        if (written == null) {
            return next;
        }
        Exception failure = next.getException();
        if (failure != null) {
            if (written.getException() == null) {
                written.setException(failure);
            } else if (written.getException() != failure) {
                written.getException().addSuppressed(failure);
            }
        }
        return written;
    }
}
