package io.sheetsync.app;

import io.sheetsync.config.ConfigException;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.metrics.SyncMetricsService;
import io.sheetsync.settings.SyncConfigService;
import io.sheetsync.sync.SyncCoordinator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListener;
import org.apache.camel.main.MainListenerSupport;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The service as one camel-main {@link Main}: Camel's settings come from {@code application.properties} (one in the
 * working directory over the bundled one, environment variables over both), the beans from the configurations of
 * {@link ServiceWiring}, the flows from {@code routes/}. {@link Mode#SERVICE} adds the scheduler and the HTTP API;
 * {@link Mode#ONCE} runs only the sync flow, for {@code --once}; {@link Mode#PLAN} only the plan route and the fetch,
 * for {@code --plan}. Stopping goes through Camel's shutdown strategy.
 */
public final class SheetSyncService implements AutoCloseable {

    /** What the process is for. */
    public enum Mode { SERVICE, ONCE, PLAN }

    /** Where the settings come from; the first location listed wins. */
    static final String PROPERTY_LOCATIONS =
            "file:application.properties;optional=true,classpath:application.properties";

    private final Main main = new Main();
    private final ServiceWiring wiring;
    private final AtomicBoolean started = new AtomicBoolean();

    private SheetSyncService(Mode mode, Properties overrides, Clock clock) {
        main.setPropertyPlaceholderLocations(PROPERTY_LOCATIONS);
        Properties properties = new Properties();
        if (mode != Mode.SERVICE) {
            // one task: no schedule, no HTTP server (it would bind the port), no REST routes and no OpenAPI route
            // (application.properties declares it for the service). The timer routes are not even created: a
            // disabled quartz route still starts a Quartz scheduler, whose shutdown cost every run ~0.5 s.
            properties.setProperty("camel.main.routes-include-pattern", mode == Mode.ONCE
                    ? "classpath:routes/sync.camel.yaml,classpath:routes/sheet.camel.yaml,"
                    + "classpath:routes/alerts.camel.yaml,classpath:routes/error-handling.camel.yaml,"
                    + "classpath:routes/recovery.camel.yaml"
                    // the plan and the fetch it shares with the sync flow; nothing that could write (no alerts, no
                    // retry queue, no watchdog)
                    : "classpath:routes/plan.camel.yaml,classpath:routes/sync.camel.yaml,"
                    + "classpath:routes/sheet.camel.yaml,classpath:routes/error-handling.camel.yaml");
            properties.setProperty("sync.schedule.enabled", "false");
            properties.setProperty("camel.server.enabled", "false");
            properties.setProperty("camel.management.enabled", "false");
            // A process that exits after one task has no one to read its MBeans or traces; registering an MBean for
            // every processor and starting OpenTelemetry cost a --once about 0.7 s of its start-up (JFR).
            properties.setProperty("camel.main.jmx-enabled", "false");
            properties.setProperty("camel.opentelemetry2.enabled", "false");
            properties.setProperty("camel.main.route-filter-exclude-pattern",
                    "api-openapi,sync-scheduled,retry-queue-tick");
        }
        properties.putAll(overrides);
        main.setOverrideProperties(properties);
        this.wiring = new ServiceWiring(clock, mode == Mode.PLAN);
        main.addMainListener(wiring);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport main) {
                started.set(true);
            }
        });
    }

    /**
     * The service, configured but not started.
     *
     * @param overrides settings that win over the environment and the files (tests set theirs this way)
     */
    public static SheetSyncService create(Mode mode, Properties overrides, Clock clock) {
        return new SheetSyncService(mode, overrides, clock);
    }

    /** Reads and validates the settings, opens the database and binds the beans; an invalid setting throws. */
    public void init() {
        try {
            main.init();
        } catch (RuntimeException e) {
            throw configurationProblem(e);
        }
    }

    /** Starts the service in the background (tests); returns once the routes run. */
    public static SheetSyncService start(Mode mode, Properties overrides, Clock clock) {
        SheetSyncService service = create(mode, overrides, clock);
        try {
            service.init();
            service.main.start();
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw configurationProblem(e);
        }
    }

    /**
     * Runs the service on the calling thread until it is asked to stop (SIGTERM, Ctrl-C) or completed.
     *
     * @return false when Camel did not start (camel-main has logged why)
     */
    public boolean run() throws Exception {
        main.run();
        return started.get();
    }

    /** Ends {@link #run()}: Camel stops as it does on SIGTERM. */
    public void complete() {
        main.completed();
    }

    /** Hooks into the service's lifecycle (e.g. {@code --once} starts its run after start-up). */
    public void addListener(MainListener listener) {
        main.addMainListener(listener);
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public SyncCoordinator coordinator() {
        return wiring.coordinator();
    }

    /** The runtime settings: the start-up values with those changed through the config API. */
    public SyncConfigService settings() {
        return wiring.settings();
    }

    /** Run metrics. */
    public SyncMetricsService metrics() {
        return wiring.metrics();
    }

    public ConfigProvider config() {
        return wiring.config();
    }

    /** How the HTTP server is exposed: its address, body limit and named tokens file. */
    public io.sheetsync.config.HttpSettings http() {
        return wiring.http();
    }

    public DataSource dataSource() {
        return wiring.database().dataSource();
    }

    /** Stops Camel (a running sync stops after its current batch, see ShutdownStop), then closes the database. */
    @Override
    public void close() {
        try {
            main.completed(); // also tells Camel's JVM shutdown hook that nothing is left for it to stop
            main.stop();
        } finally {
            if (wiring.database() != null) {
                wiring.database().close();
            }
        }
    }

    /** The configuration problem behind a failed start, so that callers can name the key; else the failure itself. */
    private static RuntimeException configurationProblem(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException config) {
                return config;
            }
        }
        return failure;
    }
}
