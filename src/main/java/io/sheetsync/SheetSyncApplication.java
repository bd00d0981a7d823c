package io.sheetsync;

import io.sheetsync.app.AdminTokenFile;
import io.sheetsync.app.OnceCommand;
import io.sheetsync.app.OneShot;
import io.sheetsync.app.PlanCommand;
import io.sheetsync.app.SheetSyncService;
import io.sheetsync.config.ConfigException;
import io.sheetsync.config.SyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Properties;

/**
 * Entry point. {@code java -jar sheet-sync.jar} runs the service until stopped; {@code --once} runs one sync, prints
 * its JSON summary on stdout and exits 0 (completed), 1 (failed) or 2 (invalid configuration); {@code --plan} prints
 * what a sync would do, writing nothing, and exits 0 (in step), 3 (changes pending), 1 (failed) or 2.
 */
public final class SheetSyncApplication {

    private static final Logger LOG = LoggerFactory.getLogger(SheetSyncApplication.class);

    /** Exit code for a configuration that cannot start the service. */
    public static final int INVALID_CONFIGURATION = OneShot.INVALID_CONFIGURATION;

    private SheetSyncApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--once")) {
            System.exit(once(new Properties(), System.out, System.err));
        }
        if (Arrays.asList(args).contains("--plan")) {
            System.exit(plan(new Properties(), System.out, System.err));
        }
        SheetSyncService service = SheetSyncService.create(SheetSyncService.Mode.SERVICE, new Properties(),
                Clock.systemUTC());
        try {
            service.init();
        } catch (ConfigException e) {
            System.err.println("invalid configuration: " + e.getMessage());
            service.close();
            System.exit(INVALID_CONFIGURATION);
            return;
        }
        SyncConfig config = service.config().current();
        if (config.tokens().adminGenerated()) {
            handOver(config);
        }
        LOG.info("sheet-sync starting: source {}, every {} min, API on {}:{}", config.sourceDescription(),
                config.intervalMinutes(), service.http().host(), config.httpPort());
        boolean started;
        try {
            started = service.run();
        } finally {
            service.close();
        }
        if (!started) {
            System.exit(1);
        }
    }

    /** A generated admin token goes to an owner-only file and the terminal, never to the log. */
    private static void handOver(SyncConfig config) throws java.io.IOException {
        java.nio.file.Path file = AdminTokenFile.write(config.dataDir(), config.tokens().admin());
        LOG.warn("SYNC_ADMIN_TOKEN is not set: the admin token for this start is in {} (readable only by this user);"
                + " set SYNC_ADMIN_TOKEN or SYNC_TOKENS_FILE to keep tokens across starts", file.toAbsolutePath());
        java.io.Console console = System.console();
        if (console != null) {
            console.printf("sheet-sync admin token for this start: %s%n", config.tokens().admin());
            console.flush();
        }
    }

    /**
     * {@code --once}: returns the process exit code (0 completed, 1 failed, 2 invalid configuration).
     *
     * @param overrides settings that win over the environment and {@code application.properties} (tests)
     */
    public static int once(Properties overrides, PrintStream out, PrintStream err) {
        return OneShot.launch(SheetSyncService.Mode.ONCE, overrides, err, new OnceCommand(out));
    }

    /**
     * {@code --plan}: returns the process exit code (0 in step, 3 changes pending or a guard fires, 1 failed, 2
     * invalid configuration).
     *
     * @param overrides settings that win over the environment and {@code application.properties} (tests)
     */
    public static int plan(Properties overrides, PrintStream out, PrintStream err) {
        return OneShot.launch(SheetSyncService.Mode.PLAN, overrides, err, new PlanCommand(out));
    }
}
