package io.sheetsync.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.api.JsonResponses;
import io.sheetsync.config.ConfigException;
import io.sheetsync.recovery.ErrorClassifier;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A command that runs one task in the service and exits ({@code --once}, {@code --plan}): the service runs as usual
 * ({@link SheetSyncService#run()}), the task starts once it is up, and the service stops when the task has ended, so
 * SIGTERM stops the task as it stops the service. Prints exactly one JSON line on its output; logs go elsewhere.
 */
public abstract class OneShot {

    /** The exit code of a task that failed or could not start. */
    public static final int FAILED = 1;
    /** The exit code of a configuration that cannot start the service. */
    public static final int INVALID_CONFIGURATION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(OneShot.class);

    private final PrintStream out;
    private final ObjectMapper json = JsonResponses.mapper();
    // Its own: the service's may not exist when start-up is what failed
    private final ErrorClassifier classifier = new ErrorClassifier();

    protected OneShot(PrintStream out) {
        this.out = out;
    }

    /**
     * Starts the service in {@code mode} and runs the command in it; returns the process exit code (2 with a one-line
     * reason on {@code err} for an invalid configuration).
     *
     * @param overrides settings that win over the environment and {@code application.properties} (tests)
     */
    public static int launch(SheetSyncService.Mode mode, Properties overrides, PrintStream err, OneShot command) {
        SheetSyncService service = SheetSyncService.create(mode, overrides, Clock.systemUTC());
        try {
            service.init();
        } catch (ConfigException e) {
            err.println("invalid configuration: " + e.getMessage());
            service.close();
            return INVALID_CONFIGURATION;
        } catch (RuntimeException e) {
            LOG.error("{} could not run", command.name(), e);
            command.printFailure(e);
            service.close();
            return FAILED;
        }
        return command.run(service);
    }

    /** The task, run once the service has started; returns the exit code. */
    protected abstract int task(SheetSyncService service);

    /** The one line of a task that could not begin, or failed before it produced its own line. */
    protected abstract void printFailure(String message);

    /** The one line of a task that failed with an error: the error's message, without internals. */
    protected final void printFailure(Exception error) {
        printFailure(classifier.safeMessage(error));
    }

    /** What the log calls the command. */
    protected abstract String name();

    /** Prints one JSON line on the command's output. */
    protected final void print(Object line) {
        try {
            out.println(json.writeValueAsString(line));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the output line could not be written as JSON", e);
        }
    }

    /** Runs the (initialised) service until the task has ended, then stops it; returns the task's exit code. */
    final int run(SheetSyncService service) {
        AtomicInteger exit = new AtomicInteger(FAILED);
        Thread runner = new Thread(() -> {
            try {
                exit.set(task(service));
            } finally {
                service.complete();
            }
        }, "sheet-sync-" + name());
        service.addListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport main) {
                runner.start();
            }
        });
        try {
            if (!service.run()) {
                printFailure("the service did not start (see the log)");
                return FAILED;
            }
            runner.join();
            return exit.get();
        } catch (Exception e) {
            LOG.error("{} could not run", name(), e);
            printFailure(e);
            return FAILED;
        } finally {
            service.close();
        }
    }
}
