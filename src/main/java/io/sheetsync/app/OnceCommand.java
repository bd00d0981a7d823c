package io.sheetsync.app;

import io.sheetsync.audit.RunStatus;
import io.sheetsync.audit.TriggerSource;
import io.sheetsync.sync.RunExchange;
import io.sheetsync.sync.RunSummary;
import io.sheetsync.sync.SyncInProgressException;
import io.sheetsync.sync.SyncRun;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --once}: one full sync with verification, for cron and Kubernetes CronJobs. Prints exactly one JSON line on
 * its output and returns the exit code: 0 when the run completed, 1 when it failed or could not start.
 */
public final class OnceCommand extends OneShot {

    /** Exit codes of CONTRACT section 1 (2, invalid configuration, is decided before this command runs). */
    public static final int COMPLETED = 0;

    private static final Logger LOG = LoggerFactory.getLogger(OnceCommand.class);

    public OnceCommand(PrintStream out) {
        super(out);
    }

    @Override
    protected String name() {
        return "sync";
    }

    @Override
    protected int task(SheetSyncService service) {
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

    @Override
    protected void printFailure(String message) {
        printError("failed", message);
    }

    /** The one line of a run that could not begin. */
    private void printError(String status, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("syncId", null);
        line.put("status", status);
        line.put("error", message);
        print(line);
    }
}
