package io.sheetsync.sync;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a running sync to stop after its current batch as soon as Camel begins to stop, before its shutdown strategy
 * waits (up to {@code camel.main.shutdown-timeout}) for the run's exchange to end: SIGTERM behaves like a cancel.
 */
public final class ShutdownStop extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownStop.class);

    private final RunGuard guard;

    public ShutdownStop(RunGuard guard) {
        this.guard = guard;
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        LOG.info("sheet-sync stopping: a running sync stops after its current batch");
        guard.stopForShutdown();
    }
}
