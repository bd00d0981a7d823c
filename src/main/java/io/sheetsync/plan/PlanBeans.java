package io.sheetsync.plan;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** The bean {@code routes/plan.camel.yaml} calls. */
@Configuration
public final class PlanBeans implements CamelConfiguration {

    private final SyncPlanner planner;

    public PlanBeans(SyncPlanner planner) {
        this.planner = planner;
    }

    @BindToRegistry("syncPlanner")
    public SyncPlanner syncPlanner() {
        return planner;
    }
}
