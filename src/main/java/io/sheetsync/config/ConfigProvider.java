package io.sheetsync.config;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands out the configuration in force. Beans ask it each time they need a runtime setting, so a later hot reload
 * takes effect without a restart.
 */
public final class ConfigProvider {

    private final AtomicReference<SyncConfig> current;

    public ConfigProvider(SyncConfig initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    public SyncConfig current() {
        return current.get();
    }

    /** The schedule's period in force; {@code application.properties} hands it to the Quartz trigger. */
    public long intervalMillis() {
        return current().intervalMillis();
    }

    /*
     * The sheet fetch's recovery, declared in routes/ with {{bean:syncConfig.<method>}} placeholders. Camel resolves
     * the redelivery ones at each failure, so a hot reload applies to the next retry; the circuit breaker's once, when
     * its route starts.
     */

    /** SYNC_RETRY_MAX: retries of a failed Sheets fetch. */
    public int retryMax() {
        return current().recovery().retryMax();
    }

    /** SYNC_RETRY_INITIAL_DELAY_MS: the wait before the first retry. */
    public long retryInitialDelayMs() {
        return current().recovery().initialDelayMs();
    }

    /** SYNC_RETRY_MAX_DELAY_MS: the longest wait between two attempts. */
    public long retryMaxDelayMs() {
        return current().recovery().maxDelayMs();
    }

    /** SYNC_CIRCUIT_OPEN_SECONDS: how long the Sheets circuit breaker stays open. */
    public int circuitOpenSeconds() {
        return current().recovery().circuitOpenSeconds();
    }

    /** Replaces the configuration in force; callers validate the new one first. */
    public void replace(SyncConfig next) {
        current.set(Objects.requireNonNull(next));
    }
}
