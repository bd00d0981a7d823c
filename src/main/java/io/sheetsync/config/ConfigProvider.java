package io.sheetsync.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands out the configuration in force. Beans ask it each time they need a runtime setting, so a change through the
 * config API takes effect without a restart; the few parts that must act on a change (the schedule) register an
 * {@link #onConfigChange} listener.
 */
public final class ConfigProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigProvider.class);

    private final AtomicReference<SyncConfig> current;
    private final List<Consumer<SyncConfig>> listeners = new CopyOnWriteArrayList<>();

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

    /** The threads that write a run's batches side by side (a start-up setting: the pool is made once). */
    public int batchWriters() {
        return current().batchWriters();
    }

    /**
     * The wait before a failed batch is written again ({@code sync.BatchReconnect}): the first retry delay of
     * SYNC_RETRY_INITIAL_DELAY_MS, at most a second, because the run holds its lock meanwhile.
     */
    public long batchRetryDelayMillis() {
        return Math.min(current().recovery().initialDelayMs(), 1_000);
    }

    /** Calls {@code listener} with the new configuration after each change (on the thread that made it). */
    public void onConfigChange(Consumer<SyncConfig> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * SYNC_CIRCUIT_OPEN_SECONDS: how long the Sheets circuit breaker stays open; route {@code fetch-sheet} reads it
     * ({@code {{bean:syncConfig.circuitOpenSeconds}}}) when it starts.
     */
    public int circuitOpenSeconds() {
        return current().recovery().circuitOpenSeconds();
    }

    /**
     * Replaces the configuration in force (callers validate the new one first) and tells the listeners when it
     * differs. A listener that fails is logged; the change stands.
     */
    public void replace(SyncConfig next) {
        SyncConfig previous = current.getAndSet(Objects.requireNonNull(next));
        if (previous.equals(next)) {
            return;
        }
        for (Consumer<SyncConfig> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("a configuration change listener failed: {}", e.getMessage(), e);
            }
        }
    }
}
