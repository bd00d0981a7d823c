package io.sheetsync.metrics;

import java.util.UUID;

/**
 * Told about every run found degraded, after the warning is logged. The hook for raising an alert: register one with
 * {@link SyncMetricsService#addDegradationListener}. Called on the sync thread; an exception is logged and ignored.
 */
@FunctionalInterface
public interface DegradationListener {

    void degraded(UUID syncId, Degradation degradation);
}
