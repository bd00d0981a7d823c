package io.sheetsync.alert;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route {@code no-sync-check} of {@code routes/housekeeping.camel.yaml} as the unit, in camel-main with the
 * service's application.properties: every alert the check returns goes to {@code direct:raise-alert}, once.
 */
@CamelMainTest(
        propertyPlaceholderLocations = "classpath:application.properties",
        properties = {
            "camel.main.routes-include-pattern=classpath:routes/housekeeping.camel.yaml",
            "sync.schedule.enabled=false",
            "camel.server.enabled=false",
            "camel.management.enabled=false",
            // the housekeeping routes in the same file are not the unit here (HousekeepingServiceTest runs them)
            "camel.main.route-filter-exclude-pattern=api-openapi,housekeeping*"},
        mockEndpointsAndSkip = "direct:raise-alert")
class NoSyncCheckRouteTest {

    @BeanInject
    CamelContext context;

    @EndpointInject("mock:direct:raise-alert")
    MockEndpoint raised;

    private final NoSyncCheck check = new NoSyncCheck();

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new StandIns(check));
    }

    @Test
    void every_alert_the_check_returns_is_raised_once() throws Exception {
        check.alerts.addAll(List.of("no_sync since 09:00", "no_sync on the second watch"));
        raised.expectedBodiesReceived("no_sync since 09:00", "no_sync on the second watch");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("no-sync-check").whenDone(1).create();

        context.createProducerTemplate().sendBody("direct:no-sync-check", null);

        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        raised.assertIsSatisfied();
    }

    @Test
    void a_check_without_alerts_raises_nothing() throws Exception {
        raised.expectedMessageCount(0);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("no-sync-check").whenDone(1).create();

        context.createProducerTemplate().sendBody("direct:no-sync-check", null);

        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        raised.assertIsSatisfied();
    }

    /** Stands in for {@link AlertService#checkNoSync()}: the alerts the test chose. */
    public static final class NoSyncCheck {
        final List<String> alerts = new ArrayList<>();

        public List<String> checkNoSync() {
            return alerts;
        }
    }

    /** The one bean the route calls, under the name the route uses. */
    public static final class StandIns implements CamelConfiguration {
        private final NoSyncCheck check;

        StandIns(NoSyncCheck check) {
            this.check = check;
        }

        @BindToRegistry("alertService")
        public NoSyncCheck alertService() {
            return check;
        }
    }
}
