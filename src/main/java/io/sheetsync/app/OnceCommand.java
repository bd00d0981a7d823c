package io.sheetsync.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.api.JsonResponses;
import io.sheetsync.audit.RunStatus;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.recovery.ErrorClassifier;
import io.sheetsync.sync.RunExchange;
import io.sheetsync.sync.RunSummary;
import io.sheetsync.sync.SyncInProgressException;
import io.sheetsync.sync.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --once}: one full sync with verification, for cron and Kubernetes CronJobs. Prints exactly one JSON line on
 * its output and returns the exit code: 0 when the run completed, 1 when it failed or could not start. The service
 * runs as usual ({@link SheetSyncService#run()}), so SIGTERM stops the run after its batch as it does in the service.
 */
public final class OnceCommand {

    /** Exit codes of CONTRACT section 1 (2, invalid configuration, is decided before this command runs). */
    public static final int COMPLETED = 0;
    public static final int FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(OnceCommand.class);

    private final PrintStream out;
    private final ObjectMapper json = JsonResponses.mapper();
    // Its own: the service's may not exist when start-up is what failed
    private final ErrorClassifier classifier = new ErrorClassifier();

    public OnceCommand(PrintStream out) {
        this.out = out;
    }

    /** Runs the (initialised) service until its one sync has ended, then stops it. */
    public int run(SheetSyncService service) {
        AtomicInteger exit = new AtomicInteger(FAILED);
        Thread runner = new Thread(() -> {
            try {
                exit.set(syncOnce(service));
            } finally {
                service.complete();
            }
        }, "sheet-sync-once");
        service.addListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport main) {
                runner.start();
            }
        });
        try {
            if (!service.run()) {
                printError("failed", "the service did not start (see the log)");
                return FAILED;
            }
            runner.join();
            return exit.get();
        } catch (Exception e) {
            LOG.error("sync could not run", e);
            printFailure(e);
            return FAILED;
        } finally {
            service.close();
        }
    }

    private int syncOnce(SheetSyncService service) {
        Exchange done = service.camelContext().createProducerTemplate().request("direct:sync",
                exchange -> exchange.getMessage().setBody(TriggerSource.SCHEDULED));
        SyncRun run = done.getProperty(RunExchange.RUN, SyncRun.class);
        Exception error = done.getException();
        if (run == null) {
            if (error instanceof SyncInProgressException) {
                printError("sync_in_progress", error.getMessage());
            } else {
                LOG.error("sync could not run", error);
                printFailure(error);
            }
            return FAILED;
        }
        RunSummary summary = done.getMessage().getBody(RunSummary.class);
        if (error != null || summary == null) {
            LOG.error("syncId={} sync did not finish: {}", run.id(), error == null ? "no summary" : error.getMessage());
            summary = RunSummary.of(run, List.of());
        }
        print(summary);
        return RunStatus.COMPLETED.code().equals(summary.status()) ? COMPLETED : FAILED;
    }

    /** The one line of a run that failed before it could begin: the error's message, without internals. */
    public void printFailure(Exception error) {
        printError("failed", classifier.safeMessage(error));
    }

    /** The one line of a run that could not begin. */
    public void printError(String status, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("syncId", null);
        line.put("status", status);
        line.put("error", message);
        print(line);
    }

    private void print(Object line) {
        try {
            out.println(json.writeValueAsString(line));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary could not be written as JSON", e);
        }
    }
}
