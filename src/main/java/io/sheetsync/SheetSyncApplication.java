package io.sheetsync;

import io.sheetsync.app.OnceCommand;
import io.sheetsync.app.SheetSyncService;
import io.sheetsync.config.ConfigException;
import io.sheetsync.config.SyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

/**
 * Entry point. {@code java -jar sheet-sync.jar} runs the service until stopped; {@code --once} runs one sync, prints
 * its JSON summary on stdout and exits 0 (completed), 1 (failed) or 2 (invalid configuration).
 */
public final class SheetSyncApplication {

    private static final Logger LOG = LoggerFactory.getLogger(SheetSyncApplication.class);

    /** Exit code for a configuration that cannot start the service. */
    public static final int INVALID_CONFIGURATION = 2;

    private SheetSyncApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--once")) {
            System.exit(once(System.getenv(), properties(), System.out, System.err));
        }
        SyncConfig config;
        try {
            config = SyncConfig.load(System.getenv(), properties());
        } catch (ConfigException e) {
            System.err.println("invalid configuration: " + e.getMessage());
            System.exit(INVALID_CONFIGURATION);
            return;
        }
        if (config.tokens().adminGenerated()) {
            LOG.warn("SYNC_ADMIN_TOKEN is not set; the admin token for this start is {} (set SYNC_ADMIN_TOKEN to keep one)",
                    config.tokens().admin());
        }
        try (SheetSyncService service = SheetSyncService.start(config, SheetSyncService.Mode.SERVICE, Clock.systemUTC())) {
            LOG.info("sheet-sync running: source {}, every {} min, API on port {}", config.sourceDescription(),
                    config.intervalMinutes(), config.httpPort());
            service.awaitShutdown();
        }
    }

    /** {@code --once}: returns the process exit code (0 completed, 1 failed, 2 invalid configuration). */
    public static int once(Map<String, String> env, Properties properties, PrintStream out, PrintStream err) {
        SyncConfig config;
        try {
            config = SyncConfig.load(env, properties);
        } catch (ConfigException e) {
            err.println("invalid configuration: " + e.getMessage());
            return INVALID_CONFIGURATION;
        }
        return new OnceCommand(out).run(config, Clock.systemUTC());
    }

    /** {@code application.properties} from the classpath, overlaid by one in the working directory if present. */
    static Properties properties() throws IOException {
        Properties properties = new Properties();
        try (InputStream bundled = SheetSyncApplication.class.getResourceAsStream("/application.properties")) {
            if (bundled != null) {
                properties.load(new java.io.InputStreamReader(bundled, StandardCharsets.UTF_8));
            }
        }
        Path local = Path.of("application.properties");
        if (Files.isRegularFile(local)) {
            try (Reader reader = Files.newBufferedReader(local, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
