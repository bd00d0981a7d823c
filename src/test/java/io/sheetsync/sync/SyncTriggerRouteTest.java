package io.sheetsync.sync;

import io.sheetsync.audit.TriggerSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Body;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.EndpointInject;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start of a run in {@code routes/sync.camel.yaml} as the unit: the routes {@code sync-if-idle}, {@code sync} and
 * {@code sync-start}, with the run's execution replaced by a mock endpoint (AdviceWith) and the coordinator by a
 * stand-in that is free or busy as the test says.
 */
@CamelMainTest(
        propertyPlaceholderLocations = "classpath:application.properties",
        properties = {
            "camel.main.routes-include-pattern=classpath:routes/sync.camel.yaml",
            "camel.main.route-filter-include-pattern=sync-if-idle,sync,sync-start",
            "sync.schedule.enabled=false",
            "camel.server.enabled=false",
            "camel.management.enabled=false"})
class SyncTriggerRouteTest {

    @BeanInject
    CamelContext context;

    @EndpointInject("mock:execute")
    MockEndpoint executed;

    private final Coordinator coordinator = new Coordinator();

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new StandIns(coordinator));
    }

    @BeforeEach
    void replaceTheExecution() throws Exception {
        AdviceWith.adviceWith(context, "sync", route -> route.weaveByToUri("direct:sync-execute").replace()
                .to("mock:execute"));
    }

    @Test
    void a_trigger_takes_the_lock_then_hands_the_started_run_to_its_execution() throws Exception {
        executed.expectedBodiesReceived("run of scheduled");

        Object answer = context.createProducerTemplate().requestBody("direct:sync-if-idle", TriggerSource.SCHEDULED);

        executed.assertIsSatisfied();
        assertThat(coordinator.begun).containsExactly(TriggerSource.SCHEDULED);
        assertThat(answer).isEqualTo("run of scheduled");
    }

    @Test
    void a_timer_tick_while_a_sync_runs_is_skipped_and_nothing_is_executed() throws Exception {
        coordinator.busy = true;
        executed.expectedMessageCount(0);

        Object answer = context.createProducerTemplate().requestBody("direct:sync-if-idle", TriggerSource.SCHEDULED);

        executed.assertIsSatisfied();
        assertThat(answer).as("the tick's body, untouched").isEqualTo(TriggerSource.SCHEDULED);
    }

    @Test
    void a_caller_that_waits_for_its_run_is_told_that_one_is_going_on() throws Exception {
        coordinator.busy = true;
        executed.expectedMessageCount(0);

        assertThatThrownBy(() -> context.createProducerTemplate().requestBody("direct:sync", TriggerSource.MANUAL))
                .isInstanceOf(CamelExecutionException.class).hasCauseInstanceOf(SyncInProgressException.class);
        executed.assertIsSatisfied();
    }

    /** Free (a run begins) or busy (a sync runs elsewhere), as the test says. */
    public static final class Coordinator {
        final List<TriggerSource> begun = new ArrayList<>();
        boolean busy;

        public String begin(@Body TriggerSource trigger) throws SyncInProgressException {
            if (busy) {
                throw new SyncInProgressException(new SyncRun(UUID.randomUUID(), TriggerSource.MANUAL, Instant.now(),
                        null, new RunControl(Instant.now())));
            }
            begun.add(trigger);
            return "run of " + trigger.code();
        }
    }

    /** The one bean the routes call, under the name they use. */
    public static final class StandIns implements CamelConfiguration {
        private final Coordinator coordinator;

        StandIns(Coordinator coordinator) {
            this.coordinator = coordinator;
        }

        @BindToRegistry("syncCoordinator")
        public Coordinator syncCoordinator() {
            return coordinator;
        }
    }
}
