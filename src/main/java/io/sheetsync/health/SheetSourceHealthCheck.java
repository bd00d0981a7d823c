package io.sheetsync.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * {@code sheet-sync-source}: DOWN from a failed fetch of the sheet until the next fetch succeeds; UP before the first
 * fetch. Shown at {@code /observe/health} but in neither the readiness nor the liveness probe: when the sheet cannot
 * be read, the API and dashboard must stay reachable (that is when people look at them), and a restart would not
 * bring the sheet back.
 */
public final class SheetSourceHealthCheck extends AbstractHealthCheck {

    private final SourceStatus status;

    public SheetSourceHealthCheck(SourceStatus status) {
        super("sheet-sync", "sheet-sync-source");
        this.status = status;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        SourceStatus.Snapshot snapshot = status.snapshot();
        if (snapshot.lastSuccess() != null) {
            builder.detail("lastSuccess", snapshot.lastSuccess().toString());
            builder.detail("rows", snapshot.rows());
        }
        if (snapshot.lastFailure() != null) {
            builder.detail("lastFailure", snapshot.lastFailure().toString());
        }
        if (snapshot.failing()) {
            builder.message(HealthText.of("the last fetch of the sheet failed: " + snapshot.failure())).down();
        } else if (!snapshot.fetched()) {
            builder.message("no fetch yet since start-up").up();
        } else {
            builder.message("the last fetch of the sheet succeeded").up();
        }
    }
}
