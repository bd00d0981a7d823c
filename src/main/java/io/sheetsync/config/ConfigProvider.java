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

    /**
     * SYNC_CIRCUIT_OPEN_SECONDS: how long the Sheets circuit breaker stays open; route {@code fetch-sheet} reads it
     * ({@code {{bean:syncConfig.circuitOpenSeconds}}}) when it starts.
     */
    public int circuitOpenSeconds() {
        return current().recovery().circuitOpenSeconds();
    }

    /** Replaces the configuration in force; callers validate the new one first. */
    public void replace(SyncConfig next) {
        current.set(Objects.requireNonNull(next));
    }
}
