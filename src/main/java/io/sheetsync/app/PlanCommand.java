package io.sheetsync.app;

import io.sheetsync.plan.Plan;
import io.sheetsync.sync.SyncInProgressException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --plan}: what a sync would do now, writing nothing, for scripts and the CI of the sheet's owners. Prints the
 * plan (CONTRACT section 7) as one JSON line and returns 0 when the database is in step, 3 when a sync would change
 * something or a guard would stop it, 1 when the plan could not be made (the sheet or the database failed, or a sync
 * is running).
 */
public final class PlanCommand extends OneShot {

    /** Nothing would be written and no guard fires. */
    public static final int IN_STEP = 0;
    /** A sync would change something, or a guard would stop it. */
    public static final int CHANGES_PENDING = 3;

    private static final Logger LOG = LoggerFactory.getLogger(PlanCommand.class);

    public PlanCommand(PrintStream out) {
        super(out);
    }

    @Override
    protected String name() {
        return "plan";
    }

    @Override
    protected int task(SheetSyncService service) {
        Exchange done = service.camelContext().createProducerTemplate().request("direct:plan", exchange -> { });
        Exception error = done.getException();
        if (error instanceof SyncInProgressException) {
            printError("sync_in_progress", error.getMessage());
            return FAILED;
        }
        if (error != null) {
            LOG.error("plan could not be made", error);
            printFailure(error);
            return FAILED;
        }
        Plan plan = done.getMessage().getBody(Plan.class);
        print(plan);
        return plan.inStep() ? IN_STEP : CHANGES_PENDING;
    }

    @Override
    protected void printFailure(String message) {
        printError("plan_failed", message);
    }

    /** The one line of a plan that could not be made, shaped as the API's errors. */
    private void printError(String code, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("error", code);
        line.put("message", message);
        print(line);
    }
}
